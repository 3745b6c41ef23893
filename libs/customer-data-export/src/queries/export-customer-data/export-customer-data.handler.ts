import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AddressFacade } from '@patron/address';
import { CustomerFacade } from '@patron/customer';
import { CustomerGroupFacade } from '@patron/customer-group';
import { CustomerHistory, HistoryEntry } from '@patron/customer-history';
import { CustomerNoteFacade } from '@patron/customer-note';
import { OrderView, SalesFacade } from '@patron/sales';
import { Clock } from '@patron/shared-kernel';
import { CustomerDataExport } from '../../customer-data-export.view';
import { ExportCustomerDataQuery } from './export-customer-data.query';

const PAGE = 100;

/** Reads every module's data about the customer through their facades. */
@QueryHandler(ExportCustomerDataQuery)
export class ExportCustomerDataHandler implements IQueryHandler<ExportCustomerDataQuery> {
  constructor(
    private readonly customers: CustomerFacade,
    private readonly addresses: AddressFacade,
    private readonly groups: CustomerGroupFacade,
    private readonly sales: SalesFacade,
    private readonly history: CustomerHistory,
    private readonly notes: CustomerNoteFacade,
    private readonly clock: Clock,
  ) {}

  async execute({ reference, audience }: ExportCustomerDataQuery): Promise<CustomerDataExport> {
    const customer = await this.customers.getByReference(reference);
    const [addresses, groups, orders, history, notes] = await Promise.all([
      this.addresses.listForCustomer(reference),
      this.groups.groupsOf(reference),
      this.allOrders(reference),
      this.allHistory(reference),
      audience === 'staff' ? this.notes.list(reference) : undefined,
    ]);
    return {
      exportedAt: this.clock.now(),
      customer,
      addresses,
      groups: groups.map(({ id, name, description }) => ({ id, name, description })),
      orders,
      // Staff see who did what; a customer sees that the shop did it, not which employee.
      history: audience === 'staff' ? history : history.map((e) => (e.actor.type === 'user' ? { ...e, actor: { type: 'user', id: null, name: null } } : e)),
      ...(notes ? { notes } : {}),
    };
  }

  private async allOrders(reference: string): Promise<OrderView[]> {
    const orders: OrderView[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.sales.listCustomerOrders(reference, offset, PAGE);
      orders.push(...page.orders);
      if (page.orders.length < PAGE) return orders;
    }
  }

  private async allHistory(reference: string): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.history.list(reference, offset, PAGE);
      entries.push(...page.entries);
      if (page.entries.length < PAGE) return entries.reverse();
    }
  }
}
