import { Query } from '@nestjs/cqrs';
import { OrderPage } from '../../dto/order.dto';

/** A page of the customer's orders, newest first. */
export class ListCustomerOrdersQuery extends Query<OrderPage> {
  constructor(readonly customerReference: string, readonly offset: number, readonly limit: number) {
    super();
  }
}
