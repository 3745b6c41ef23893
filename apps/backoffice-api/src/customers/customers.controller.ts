import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { AddressFacade } from '@patron/address';
import { CUSTOMER_SORTS, CustomerFacade } from '@patron/customer';
import { CustomerGroupFacade } from '@patron/customer-group';
import { CustomerNoteFacade } from '@patron/customer-note';
import { SalesFacade } from '@patron/sales';
import { StaffGuard } from '../auth/staff-auth';
import { validateBody } from '../http/validate';

const date = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date').transform((v) => new Date(v));
const SEARCH = z.object({
  q: z.string().max(200).optional(),
  status: z.enum(['verified', 'unverified']).optional(),
  groupId: z.coerce.number().int().positive().optional(),
  locale: z.string().max(10).optional(),
  createdFrom: date.optional(),
  createdTo: date.optional(),
  sort: z.enum(CUSTOMER_SORTS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Customer search and the customer view. Anonymized customers never appear. */
@Controller('api/customers')
@UseGuards(StaffGuard)
export class BackofficeCustomersController {
  constructor(
    private readonly customers: CustomerFacade,
    private readonly addresses: AddressFacade,
    private readonly groups: CustomerGroupFacade,
    private readonly notes: CustomerNoteFacade,
    private readonly sales: SalesFacade,
  ) {}

  /** `?q=…&status=verified&groupId=…&locale=…&createdFrom=…&createdTo=…&sort=lastName&direction=asc&limit=25&after=<cursor>` */
  @Get()
  async search(@Query() query: Record<string, unknown>) {
    const { q, ...filters } = validateBody(SEARCH, query);
    const page = await this.customers.search({ text: q, ...filters });
    return { data: page.customers, next: page.next, total: page.total, totalIsEstimate: page.totalIsEstimate };
  }

  /** Profile, addresses, groups, notes and the latest orders of one customer. */
  @Get(':reference')
  async view(@Param('reference') reference: string) {
    const customer = await this.customers.getByReference(reference);
    const [addresses, groups, notes, orders] = await Promise.all([
      this.addresses.listForCustomer(reference),
      this.groups.groupsOf(reference),
      this.notes.list(reference),
      this.sales.listCustomerOrders(reference, 0, 10),
    ]);
    return { data: { ...customer, addresses, groups, notes, latestOrders: orders.orders, orderCount: orders.total } };
  }
}
