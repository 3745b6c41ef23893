import { SalesFacade } from '@patron/sales';
import { AddressFacade } from '@patron/address';
import { startStack, TestStack } from '../../../test/support/stack';
import { bearer, glueError, registerShopper } from './storefront.helpers';

const orderRow = (n: number, customer: string, overrides: Record<string, string> = {}) => ({
  line: n + 1,
  order_reference: `ORD-${customer}-${n}`,
  customer_reference: customer,
  created_at: `2024-01-${String(n).padStart(2, '0')}T10:00:00Z`,
  status: 'paid',
  currency: 'EUR',
  grand_total: `${n}.50`,
  item_count: '2',
  ...overrides,
});

describe('order history', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('lists the caller\'s orders newest first, 10 per page by default, with links and the total', async () => {
    const shopper = await registerShopper(stack);
    await stack.app.get(AddressFacade).create(shopper.reference, {
      firstName: 'Ada', lastName: 'Lovelace', address1: 'Street', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE',
    });
    const summary = await stack.app.get(SalesFacade).importOrders(Array.from({ length: 23 }, (_, i) => orderRow(i + 1, shopper.reference)));
    expect(summary).toMatchObject({ created: 23, imported: true });

    const first = await stack.http().get(`/customers/${shopper.reference}/orders`).set(bearer(shopper.accessToken));
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(10);
    expect(first.body.data[0]).toMatchObject({
      type: 'orders',
      id: `ORD-${shopper.reference}-23`,
      attributes: { createdAt: '2024-01-23T10:00:00.000Z', status: 'paid', currencyIsoCode: 'EUR', totals: { grandTotal: 2350 }, itemCount: 2 },
      links: { self: `http://localhost:3000/orders/ORD-${shopper.reference}-23` },
    });
    expect(first.body.data[0].attributes.billingAddress).toMatchObject({ city: 'Berlin', country: 'Germany' });
    expect(first.body.meta).toEqual({ totalItems: 23, totalPages: 3, currentPage: 1, maxPerPage: 10 });
    const base = `http://localhost:3000/customers/${shopper.reference}/orders`;
    expect(first.body.links).toEqual({
      self: `${base}?page[offset]=0&page[limit]=10`, first: `${base}?page[offset]=0&page[limit]=10`,
      next: `${base}?page[offset]=10&page[limit]=10`, last: `${base}?page[offset]=20&page[limit]=10`,
    });

    const last = await stack.http().get(`/customers/${shopper.reference}/orders?page[offset]=20&page[limit]=10`).set(bearer(shopper.accessToken));
    expect(last.body.data.map((o: { id: string }) => o.id)).toEqual([3, 2, 1].map((n) => `ORD-${shopper.reference}-${n}`));
    expect(last.body.links.prev).toBe(`${base}?page[offset]=10&page[limit]=10`);
    expect(last.body.links.next).toBeUndefined();

    const capped = await stack.http().get(`/customers/${shopper.reference}/orders?page[limit]=1000`).set(bearer(shopper.accessToken));
    expect(capped.body.meta.maxPerPage).toBe(100);
    expect(capped.body.data).toHaveLength(23);
  });

  it("answers Glue's GET /orders with the caller's orders only, paged the same way", async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    await stack.app.get(SalesFacade).importOrders([
      ...Array.from({ length: 3 }, (_, i) => orderRow(i + 1, shopper.reference)),
      orderRow(9, other.reference),
    ]);
    const mine = await stack.http().get('/orders?page[offset]=1&page[limit]=1').set(bearer(shopper.accessToken));
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((o: { id: string }) => o.id)).toEqual([`ORD-${shopper.reference}-2`]);
    expect(mine.body.meta).toEqual({ totalItems: 3, totalPages: 3, currentPage: 2, maxPerPage: 1 });
    expect(mine.body.links).toEqual({
      self: 'http://localhost:3000/orders?page[offset]=1&page[limit]=1',
      first: 'http://localhost:3000/orders?page[offset]=0&page[limit]=1',
      prev: 'http://localhost:3000/orders?page[offset]=0&page[limit]=1',
      next: 'http://localhost:3000/orders?page[offset]=2&page[limit]=1',
      last: 'http://localhost:3000/orders?page[offset]=2&page[limit]=1',
    });
    expect((await stack.http().get('/orders')).body).toEqual(glueError(403, '002', 'Missing access token.'));
  });

  it('answers an empty page for a customer without orders', async () => {
    const shopper = await registerShopper(stack);
    const response = await stack.http().get(`/customers/${shopper.reference}/orders?page[offset]=30`).set(bearer(shopper.accessToken));
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta).toEqual({ totalItems: 0, totalPages: 0, currentPage: 4, maxPerPage: 10 });
    const base = `http://localhost:3000/customers/${shopper.reference}/orders`;
    expect(response.body.links.last).toBe(`${base}?page[offset]=0&page[limit]=10`);
    expect(response.body.links.next).toBeUndefined();
  });

  it('answers any page parameters without an error: huge or odd values give an empty or the first page', async () => {
    const shopper = await registerShopper(stack);
    await stack.app.get(SalesFacade).importOrders([orderRow(1, shopper.reference)]);
    const get = (query: string) => stack.http().get(`/orders?${query}`).set(bearer(shopper.accessToken));
    for (const query of ['page[offset]=99999999999999999999', 'page[offset]=1e300', 'page[offset]=9007199254740993&page[limit]=99999999999999999999']) {
      const response = await get(query);
      expect([query, response.status, response.body.data]).toEqual([query, 200, []]);
      expect(response.body.meta.totalItems).toBe(1);
    }
    for (const query of ['page[offset]=-5&page[limit]=abc', 'page=1', 'page[offset][x]=1', 'page[offset]=1.5&page[limit]=0']) {
      const response = await get(query);
      expect([query, response.status, response.body.data.length, response.body.meta.maxPerPage]).toEqual([query, 200, 1, 10]);
    }
  });

  it('hides other customers\' orders: their list is 404 402, their order 404', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    await stack.app.get(SalesFacade).importOrders([orderRow(1, other.reference)]);
    expect((await stack.http().get(`/customers/${other.reference}/orders`).set(bearer(shopper.accessToken))).body).toEqual(
      glueError(404, '402', 'Customer not found.'),
    );
    const foreign = await stack.http().get(`/orders/ORD-${other.reference}-1`).set(bearer(shopper.accessToken));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(glueError(404, '1101', "Can't find order by the given order reference"));
    expect((await stack.http().get(`/orders/ORD-${other.reference}-1`).set(bearer(other.accessToken))).status).toBe(200);
    expect((await stack.http().get('/orders/NOPE').set(bearer(other.accessToken))).status).toBe(404);
  });

  it('imports all or nothing, reporting bad rows with their lines', async () => {
    const shopper = await registerShopper(stack);
    const sales = stack.app.get(SalesFacade);
    const rows = [
      orderRow(1, shopper.reference),
      orderRow(2, 'DE--999999'),
      orderRow(3, shopper.reference, { currency: 'XYZ' }),
      orderRow(4, shopper.reference, { grand_total: '12,50' }),
      orderRow(5, shopper.reference, { created_at: 'yesterday' }),
      orderRow(6, shopper.reference, { item_count: '-1' }),
      orderRow(1, shopper.reference, { line: '8' } as never),
    ];
    const refused = await sales.importOrders(rows);
    expect(refused.imported).toBe(false);
    expect(refused.problems.map((p) => p.reason)).toEqual([
      'unknown customer "DE--999999"',
      'unknown currency "XYZ" (expected an ISO 4217 code)',
      'invalid grand_total "12,50" (expected an amount like 129.90)',
      'invalid created_at "yesterday" (expected an ISO 8601 date or timestamp)',
      'invalid item_count "-1"',
      `duplicate order_reference "ORD-${shopper.reference}-1" (already on line 2)`,
    ]);
    expect((await sales.listCustomerOrders(shopper.reference, 0, 10)).total).toBe(0);
    const skipped = await sales.importOrders(rows, true);
    expect(skipped).toMatchObject({ imported: true, created: 1 });
    expect((await sales.listCustomerOrders(shopper.reference, 0, 10)).total).toBe(1);
  });
});
