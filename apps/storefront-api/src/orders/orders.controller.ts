import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import type { AccessTokenClaims } from '@patron/auth';
import { OrderView, SalesFacade } from '@patron/sales';
import { AccessTokenGuard, Caller } from '../auth/access-token.guard';
import { GLUE_ERRORS } from '../glue/glue-error';
import { ResourceObject, StorefrontLinks } from '../glue/json-api';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/**
 * `page[offset]` and `page[limit]`, whether the query parser nests them or not; clamped to sane values (an offset
 * past any page, even one too large for the database, is an empty page).
 */
const pageOf = (query: Record<string, unknown>): { offset: number; limit: number } => {
  const nested = (typeof query.page === 'object' && query.page !== null ? query.page : {}) as Record<string, unknown>;
  const read = (key: string) => Number(nested[key] ?? query[`page[${key}]`]);
  const offset = read('offset');
  const limit = read('limit');
  return {
    offset: Number.isInteger(offset) && offset > 0 ? Math.min(offset, Number.MAX_SAFE_INTEGER) : 0,
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT,
  };
};

@Controller()
@UseGuards(AccessTokenGuard)
export class OrdersController {
  constructor(private readonly sales: SalesFacade, @Inject(StorefrontLinks) private readonly links: StorefrontLinks) {}

  /** The caller's orders, newest first, paged; another customer's reference is 404 `402` as for `GET /customers/{ref}`. */
  @Get('customers/:reference/orders')
  async list(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string, @Query() query: Record<string, unknown>) {
    if (reference !== caller.customerReference) throw GLUE_ERRORS.customerNotFound();
    return this.page(reference, `/customers/${encodeURIComponent(reference)}/orders`, query);
  }

  /** The same list as Glue's `GET /orders`: the caller's orders, newest first, paged. */
  @Get('orders')
  async listMine(@Caller() caller: AccessTokenClaims, @Query() query: Record<string, unknown>) {
    return this.page(caller.customerReference, '/orders', query);
  }

  private async page(reference: string, base: string, query: Record<string, unknown>) {
    const { offset, limit } = pageOf(query);
    const page = await this.sales.listCustomerOrders(reference, offset, limit);
    const at = (o: number) => this.links.url(`${base}?page[offset]=${o}&page[limit]=${limit}`);
    const last = page.total === 0 ? 0 : Math.floor((page.total - 1) / limit) * limit;
    return {
      data: page.orders.map((o) => this.resource(o)),
      links: {
        self: at(offset),
        first: at(0),
        ...(offset > 0 ? { prev: at(Math.max(0, offset - limit)) } : {}),
        ...(offset + limit < page.total ? { next: at(offset + limit) } : {}),
        last: at(last),
      },
      meta: { totalItems: page.total, totalPages: Math.ceil(page.total / limit), currentPage: Math.floor(offset / limit) + 1, maxPerPage: limit },
    };
  }

  /** One of the caller's orders; another customer's order is 404 like an unknown one. */
  @Get('orders/:orderReference')
  async get(@Caller() caller: AccessTokenClaims, @Param('orderReference') orderReference: string) {
    return { data: this.resource(await this.sales.getCustomerOrder(caller.customerReference, orderReference)) };
  }

  private resource(o: OrderView): ResourceObject {
    return this.links.resource(
      'orders',
      o.orderReference,
      {
        createdAt: o.createdAt.toISOString(),
        status: o.status,
        currencyIsoCode: o.currency,
        totals: { grandTotal: o.grandTotal },
        itemCount: o.itemCount,
        billingAddress: o.billingAddress,
        shippingAddress: o.shippingAddress,
      },
      `/orders/${encodeURIComponent(o.orderReference)}`,
    );
  }
}
