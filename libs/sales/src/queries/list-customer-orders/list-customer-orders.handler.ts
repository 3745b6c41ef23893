import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { SalesOrder } from '../../domain/sales-order.entity';
import { OrderPage, toOrderView } from '../../dto/order.dto';
import { ListCustomerOrdersQuery } from './list-customer-orders.query';

@QueryHandler(ListCustomerOrdersQuery)
export class ListCustomerOrdersHandler implements IQueryHandler<ListCustomerOrdersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ customerReference, offset, limit }: ListCustomerOrdersQuery): Promise<OrderPage> {
    const [orders, total] = await forkJoiningTransaction(this.em).findAndCount(
      SalesOrder,
      { customerReference },
      { orderBy: { createdAt: 'desc', id: 'desc' }, offset, limit },
    );
    return { orders: orders.map(toOrderView), total, offset, limit };
  }
}
