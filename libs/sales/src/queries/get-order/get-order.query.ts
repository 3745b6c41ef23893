import { Query } from '@nestjs/cqrs';
import { OrderView } from '../../dto/order.dto';

export class GetOrderQuery extends Query<OrderView> {
  constructor(readonly customerReference: string, readonly orderReference: string) {
    super();
  }
}
