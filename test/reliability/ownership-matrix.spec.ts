import { AddressFacade } from '@patron/address';
import { SalesFacade } from '@patron/sales';
import { bearer, registerShopper, Shopper } from '../../apps/storefront-api/test/storefront.helpers';
import { doc, startStack, TestStack } from '../support/stack';

const CUSTOMER_NOT_FOUND = { status: 404, code: '402', detail: 'Customer not found.' };
const UNAUTHORIZED = { status: 403, code: '411', detail: 'Unauthorized request.' };
const ADDRESS_NOT_FOUND = { status: 404, code: '404', detail: 'Address was not found.' };
const ORDER_NOT_FOUND = { status: 404, code: '1101', detail: "Can't find order by the given order reference" };
const UNKNOWN_REFERENCE = 'DE--999999999';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

const customerPatch = doc('customers', { firstName: 'Mallory', email: 'mallory@evil.test' });
const addressBody = doc('addresses', {
  salutation: 'Mr', firstName: 'Mallory', lastName: 'Evil', address1: 'Evil Street', address2: '6', zipCode: '10115', city: 'Berlin',
  iso2Code: 'DE', isDefaultShipping: true, isDefaultBilling: true,
});
const addressPatch = doc('addresses', { firstName: 'Mallory', city: 'Hacktown' });
const passwordChange = doc('customer-password', { password: 'Correct-Horse7!', newPassword: 'Mallory-Owns-It9!', confirmPassword: 'Mallory-Owns-It9!' });

interface Case {
  name: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  body?: object;
  refusal: { status: number; code: string; detail: string };
}

/**
 * Customer A uses B's customer reference, address uuids and order references (and ids that do not exist) on every
 * storefront endpoint that takes one: each gets the contract's refusal, shows nothing of B, and changes nothing of B.
 */
describe('Ownership: a customer cannot reach another customer through ids', () => {
  let stack: TestStack;
  let a: Shopper;
  let b: Shopper;
  let bAddress: string;
  let bOrder: string;
  let bSecrets: string[];

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    a = await registerShopper(stack, { firstName: 'Alice', lastName: 'Anders' });
    b = await registerShopper(stack, { firstName: 'Bertha', lastName: 'Bergmann', phone: '+49 30 555 0101' });
    bAddress = (
      await stack.app.get(AddressFacade).create(b.reference, {
        firstName: 'Bertha', lastName: 'Bergmann', address1: 'Geheimweg', address2: '42', zipCode: '80331', city: 'Muenchen', iso2Code: 'DE', company: 'Bertha GmbH',
      })
    ).uuid;
    bOrder = `ORD-B-${b.reference}`;
    await stack.app.get(SalesFacade).importOrders([
      { line: 2, order_reference: bOrder, customer_reference: b.reference, created_at: '2025-03-01T10:00:00Z', status: 'paid', currency: 'EUR', grand_total: '77.70', item_count: '3' },
    ]);
    // Anything of B that must never appear in an answer to A.
    bSecrets = [b.reference, b.email, 'Bertha', 'Bergmann', '555 0101', bAddress, 'Geheimweg', 'Bertha GmbH', bOrder, '77.7', b.refreshToken];
  });
  afterAll(() => stack?.close());

  /** Everything of B the database holds that A could have changed. */
  const snapshotOfB = async () => ({
    customer: await stack.sql(`select * from customer where customer_reference = ?`, [b.reference]),
    addresses: await stack.sql(`select * from customer_address where customer_reference = ? or uuid = ? order by id`, [b.reference, bAddress]),
    refreshTokens: await stack.sql(`select * from customer_refresh_token where customer_reference = ? order by id`, [b.reference]),
  });

  const cases = (): Case[] => {
    const B = b.reference;
    const A = a.reference;
    const withRefs = (ref: string, missing: boolean): Case[] => [
      { name: `GET /customers/${ref}`, method: 'get', path: `/customers/${ref}`, refusal: CUSTOMER_NOT_FOUND },
      { name: `GET /customers/${ref}?include=addresses`, method: 'get', path: `/customers/${ref}?include=addresses`, refusal: CUSTOMER_NOT_FOUND },
      { name: `GET /customers/${ref}/export`, method: 'get', path: `/customers/${ref}/export`, refusal: CUSTOMER_NOT_FOUND },
      { name: `PATCH /customers/${ref}`, method: 'patch', path: `/customers/${ref}`, body: customerPatch, refusal: missing ? CUSTOMER_NOT_FOUND : UNAUTHORIZED },
      { name: `DELETE /customers/${ref}`, method: 'delete', path: `/customers/${ref}`, refusal: missing ? CUSTOMER_NOT_FOUND : UNAUTHORIZED },
      { name: `GET /customers/${ref}/orders`, method: 'get', path: `/customers/${ref}/orders`, refusal: CUSTOMER_NOT_FOUND },
      { name: `GET /customers/${ref}/addresses`, method: 'get', path: `/customers/${ref}/addresses`, refusal: UNAUTHORIZED },
      { name: `POST /customers/${ref}/addresses`, method: 'post', path: `/customers/${ref}/addresses`, body: addressBody, refusal: UNAUTHORIZED },
      { name: `GET /customers/${ref}/addresses/{B's uuid}`, method: 'get', path: `/customers/${ref}/addresses/${bAddress}`, refusal: UNAUTHORIZED },
      { name: `PATCH /customers/${ref}/addresses/{B's uuid}`, method: 'patch', path: `/customers/${ref}/addresses/${bAddress}`, body: addressPatch, refusal: UNAUTHORIZED },
      { name: `DELETE /customers/${ref}/addresses/{B's uuid}`, method: 'delete', path: `/customers/${ref}/addresses/${bAddress}`, refusal: UNAUTHORIZED },
      { name: `PATCH /customer-password/${ref}`, method: 'patch', path: `/customer-password/${ref}`, body: passwordChange, refusal: UNAUTHORIZED },
    ];
    return [
      ...withRefs(B, false),
      ...withRefs(UNKNOWN_REFERENCE, true),
      // A's own reference with B's (or no one's) address uuid.
      ...[bAddress, UNKNOWN_UUID, 'not-a-uuid'].flatMap((uuid): Case[] => [
        { name: `GET /customers/A/addresses/${uuid}`, method: 'get', path: `/customers/${A}/addresses/${uuid}`, refusal: ADDRESS_NOT_FOUND },
        { name: `PATCH /customers/A/addresses/${uuid}`, method: 'patch', path: `/customers/${A}/addresses/${uuid}`, body: addressPatch, refusal: ADDRESS_NOT_FOUND },
        { name: `DELETE /customers/A/addresses/${uuid}`, method: 'delete', path: `/customers/${A}/addresses/${uuid}`, refusal: ADDRESS_NOT_FOUND },
      ]),
      { name: `GET /orders/{B's order}`, method: 'get', path: `/orders/${bOrder}`, refusal: ORDER_NOT_FOUND },
      { name: 'GET /orders/{unknown}', method: 'get', path: '/orders/ORD-DOES-NOT-EXIST', refusal: ORDER_NOT_FOUND },
    ];
  };

  it('answers every use of B\'s ids (or unknown ones) with the contract\'s refusal, showing and changing nothing of B', async () => {
    const before = await snapshotOfB();
    const outcomes: string[] = [];
    for (const c of cases()) {
      let req = stack.http()[c.method](c.path).set(bearer(a.accessToken));
      if (c.body) req = req.set('Content-Type', 'application/vnd.api+json').send(c.body);
      const response = await req;
      const leaked = bSecrets.filter((s) => response.text.includes(s));
      const ok = response.status === c.refusal.status && JSON.stringify(response.body) === JSON.stringify({ errors: [c.refusal] }) && leaked.length === 0;
      if (!ok) outcomes.push(`${c.name}: ${response.status} ${response.text}${leaked.length ? ` (shows ${leaked.join(', ')})` : ''}`);
    }
    expect(outcomes).toEqual([]);
    expect(await snapshotOfB()).toEqual(before);

    // A's own lists name nothing of B.
    for (const path of [`/customers`, `/customers/${a.reference}?include=addresses`, `/customers/${a.reference}/addresses`, `/customers/${a.reference}/orders`, '/orders', `/customers/${a.reference}/export`]) {
      const response = await stack.http().get(path).set(bearer(a.accessToken));
      expect([path, response.status]).toEqual([path, 200]);
      expect([path, bSecrets.filter((s) => response.text.includes(s))]).toEqual([path, []]);
    }
  });

  it("does not revoke B's refresh token when A names it", async () => {
    const response = await stack.http().delete(`/refresh-tokens/${encodeURIComponent(b.refreshToken)}`).set(bearer(a.accessToken));
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    const refreshed = await stack.http().post('/refresh-tokens').send(doc('refresh-tokens', { refreshToken: b.refreshToken }));
    expect(refreshed.status).toBe(201);
  });

  it('B can still log in and sees their data unchanged', async () => {
    const me = await stack.http().get(`/customers/${b.reference}?include=addresses`).set(bearer(b.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.data.attributes).toMatchObject({ firstName: 'Bertha', lastName: 'Bergmann', email: b.email });
    expect(me.body.included).toEqual([expect.objectContaining({ id: bAddress, attributes: expect.objectContaining({ address1: 'Geheimweg', city: 'Muenchen' }) })]);
    const order = await stack.http().get(`/orders/${bOrder}`).set(bearer(b.accessToken));
    expect(order.status).toBe(200);
  });
});
