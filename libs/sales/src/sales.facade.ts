import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { OrderImportRow, OrderImportSummary, OrderPage, OrderView } from './dto/order.dto';
import { ListCustomerOrdersQuery } from './queries/list-customer-orders/list-customer-orders.query';
import { GetOrderQuery } from './queries/get-order/get-order.query';
import { ImportOrdersCommand } from './commands/import-orders/import-orders.command';

@Injectable()
export class SalesFacade {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  /** A page of the customer's orders, newest first, with the total count. */
  listCustomerOrders(customerReference: string, offset: number, limit: number): Promise<OrderPage> {
    return this.queries.execute(new ListCustomerOrdersQuery(customerReference, offset, limit));
  }

  /**
   * One order of the customer.
   * @throws OrderNotFoundError for an unknown order or another customer's
   */
  getCustomerOrder(customerReference: string, orderReference: string): Promise<OrderView> {
    return this.queries.execute(new GetOrderQuery(customerReference, orderReference));
  }

  /**
   * Imports orders (columns order_reference, customer_reference, created_at, status, currency, grand_total,
   * item_count; upsert by order reference), all or nothing unless `skipInvalid`.
   */
  importOrders(rows: AsyncIterable<OrderImportRow> | Iterable<OrderImportRow>, skipInvalid = false): Promise<OrderImportSummary> {
    return this.commands.execute(new ImportOrdersCommand(rows, skipInvalid));
  }
}
