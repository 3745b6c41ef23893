import { UserFacade } from '@patron/user';
import { doc, startStack, TestStack } from '../../../test/support/stack';
import { bearer, registerShopper } from '../../storefront-api/test/storefront.helpers';

const PASSWORD = 'Staff-Password-9!';

describe('customer history', () => {
  let stack: TestStack;
  let admin: string;
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true });
    await stack.app.get(UserFacade).create({ email: 'admin@shop.test', name: 'Hanna Admin', role: 'admin', password: PASSWORD });
    admin = (await stack.backofficeHttp().post('/api/auth/login').send({ email: 'admin@shop.test', password: PASSWORD })).body.accessToken;
  });
  afterAll(() => stack.close());

  it('records what happened, by whom, newest first, in the same transactions as the changes', async () => {
    const shopper = await registerShopper(stack);
    const as = { Authorization: `Bearer ${admin}` };
    await stack.http().patch(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken)).send(doc('customers', { firstName: 'Changed', lastName: 'Lovelace' }));
    await stack.http().post(`/customers/${shopper.reference}/addresses`).set(bearer(shopper.accessToken)).send(doc('addresses', {
      salutation: 'Ms', firstName: 'A', lastName: 'B', address1: 'x', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE', isDefaultBilling: false, isDefaultShipping: false,
    }));
    const group = (await stack.backofficeHttp().post('/api/customer-groups').set(as).send({ name: 'History' })).body.data;
    await stack.backofficeHttp().post(`/api/customer-groups/${group.id}/members`).set(as).send({ customerReferences: [shopper.reference] });
    await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set(as).send({ text: 'Called.' });
    // A failed change leaves no entry.
    await stack.http().patch(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken)).send(doc('customers', { locale: 'xx_XX' }));

    const page = await stack.backofficeHttp().get(`/api/customers/${shopper.reference}/history?limit=50`).set(as);
    expect(page.status).toBe(200);
    const entries = page.body.data.entries as { event: string; actor: { type: string; id: string | null; name: string | null }; details: Record<string, unknown> }[];
    expect(entries.map((e) => e.event)).toEqual(['note-added', 'group-added', 'address-added', 'profile-updated', 'confirmed', 'registered']);
    expect(entries[0].actor).toMatchObject({ type: 'user', name: 'Hanna Admin' });
    expect(entries[1].details).toEqual({ groupId: group.id, group: 'History' });
    expect(entries[3]).toMatchObject({ actor: { type: 'customer', id: shopper.reference }, details: { fields: ['firstName'] } });
    expect(page.body.data.total).toBe(6);

    const second = await stack.backofficeHttp().get(`/api/customers/${shopper.reference}/history?offset=4&limit=2`).set(as);
    expect(second.body.data.entries.map((e: { event: string }) => e.event)).toEqual(['confirmed', 'registered']);
    const view = await stack.backofficeHttp().get(`/api/customers/${shopper.reference}`).set(as);
    expect(view.body.data.history.total).toBe(6);

    await stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken));
    const rows = await stack.sql<{ event: string }>('select event from customer_history where customer_reference = ? order by id desc limit 1', [shopper.reference]);
    expect(rows[0].event).toBe('anonymized');
  });
});
