import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { OrderNotFoundError } from '../../domain/sales.errors';
import { SalesOrder } from '../../domain/sales-order.entity';
import { OrderView, toOrderView } from '../../dto/order.dto';
import { GetOrderQuery } from './get-order.query';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ customerReference, orderReference }: GetOrderQuery): Promise<OrderView> {
    const order = await forkJoiningTransaction(this.em).findOne(SalesOrder, { orderReference, customerReference });
    if (!order) throw new OrderNotFoundError();
    return toOrderView(order);
  }
}
