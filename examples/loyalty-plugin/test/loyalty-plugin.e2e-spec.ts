import { CustomerFacade } from '@patron/customer';
import { CustomerGroupFacade } from '@patron/customer-group';
import { loyaltyExtension } from '@patron-examples/loyalty-plugin';
import { doc, startStack, TestStack } from '../../../test/support/stack';
import { bearer, registerShopper, registrationAttributes } from '../../../apps/storefront-api/test/storefront.helpers';

describe('the loyalty example extension, installed without editing any module', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ extensions: [loyaltyExtension({ blockedEmailDomains: ['spam.test'], defaultGroupName: 'Loyalty members' })] });
  });
  afterAll(() => stack.close());

  it('gives each new customer a loyalty number, shown by GET /customers/{ref} next to the contract attributes and in the data export', async () => {
    const shopper = await registerShopper(stack);
    const response = await stack.http().get(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken));
    expect(response.status).toBe(200);
    expect(response.body.data.attributes.loyaltyNumber).toMatch(/^LOY-\d{9}$/);
    expect(response.body.data.attributes).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: shopper.email });
    const [row] = await stack.sql<{ loyalty_number: string }>('select loyalty_number from loyalty_member where customer_reference = ?', [shopper.reference]);
    expect(row.loyalty_number).toBe(response.body.data.attributes.loyaltyNumber);
    const exported = await stack.http().get(`/customers/${shopper.reference}/export`).set(bearer(shopper.accessToken));
    expect(exported.body.data.attributes.customer.extensions).toEqual({ loyaltyNumber: row.loyalty_number });
  });

  it('puts every new customer into the default group, in the registration transaction', async () => {
    const first = await registerShopper(stack);
    const second = await registerShopper(stack);
    const groups = stack.app.get(CustomerGroupFacade);
    const group = (await groups.list()).find((g) => g.name === 'Loyalty members')!;
    expect(group).toBeDefined();
    expect((await groups.groupsOf(first.reference)).map((g) => g.name)).toEqual(['Loyalty members']);
    expect((await groups.groupsOf(second.reference)).map((g) => g.name)).toEqual(['Loyalty members']);
  });

  it('rejects registrations from a blocked domain with its own error code, storing nothing', async () => {
    for (const email of ['mallory@spam.test', 'eve@mail.SPAM.test']) {
      const response = await stack.http().post('/customers').send(doc('customers', registrationAttributes({ email })));
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ errors: [{ status: 400, code: '9901', detail: 'Registrations with an email address at spam.test are not accepted.' }] });
      expect(await stack.sql('select id from customer where email_normalized = ?', [email.toLowerCase()])).toEqual([]);
    }
    const accepted = await stack.http().post('/customers').send(doc('customers', registrationAttributes({ email: `ok.${Date.now()}@notspam.test` })));
    expect(accepted.status).toBe(201);
    expect(accepted.body.data.attributes.loyaltyNumber).toMatch(/^LOY-\d{9}$/);
  });

  it('clears its data when the customer is deleted', async () => {
    const shopper = await registerShopper(stack);
    expect(await stack.sql('select 1 from loyalty_member where customer_reference = ?', [shopper.reference])).toHaveLength(1);
    const deleted = await stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken));
    expect(deleted.status).toBe(204);
    expect(await stack.sql('select 1 from loyalty_member where customer_reference = ?', [shopper.reference])).toEqual([]);
    expect(await stack.app.get(CustomerFacade).findByReference(shopper.reference)).toBeNull();
  });

  it('sends its own German confirmation mail, and the built-in one in English', async () => {
    const german = registrationAttributes({ email: `hans.${Date.now()}@example.com`, locale: 'de_DE' });
    expect((await stack.http().post('/customers').send(doc('customers', german))).status).toBe(201);
    const mail = await stack.smtp.waitForMailTo(german.email as string);
    expect(mail.subject).toBe('Willkommen im Treueprogramm – bitte bestätigen Sie Ihre E-Mail-Adresse');
    expect(mail.text).toContain('Hallo Frau Ada Lovelace');
    const english = registrationAttributes({ email: `jane.${Date.now()}@example.com` });
    expect((await stack.http().post('/customers').send(doc('customers', english))).status).toBe(201);
    expect((await stack.smtp.waitForMailTo(english.email as string)).subject).toBe('Please confirm your email address');
  });
});
