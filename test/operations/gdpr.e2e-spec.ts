import { AddressFacade } from '@patron/address';
import { CustomerGroupFacade } from '@patron/customer-group';
import { OutboxFacade } from '@patron/outbox';
import { SalesFacade } from '@patron/sales';
import { UserFacade } from '@patron/user';
import { doc, startStack, TestStack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { bearer, glueError, registerShopper, registrationAttributes } from '../../apps/storefront-api/test/storefront.helpers';

const STAFF_PASSWORD = 'Staff-Password-9!';

describe('GDPR: data export and erasure of queued mail', () => {
  let stack: TestStack;
  let admin: { Authorization: string };
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true, env: { EMAIL_CHANGE_VERIFICATION: 'true' } });
    await stack.app.get(UserFacade).create({ email: 'dpo@shop.test', name: 'Data Officer', role: 'admin', password: STAFF_PASSWORD });
    const login = await stack.backofficeHttp().post('/api/auth/login').send({ email: 'dpo@shop.test', password: STAFF_PASSWORD });
    admin = { Authorization: `Bearer ${login.body.accessToken}` };
  });
  afterAll(() => stack.close());

  /** A customer with an address, an order, a group, a profile change and a staff note. */
  const customerWithData = async () => {
    const shopper = await registerShopper(stack, { phone: '+49 30 1234' });
    const address = await stack.app.get(AddressFacade).create(shopper.reference, {
      firstName: 'Ada', lastName: 'Lovelace', address1: 'Julie-Wolfthorn-Straße', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE',
    });
    await stack.app.get(SalesFacade).importOrders([
      { line: 2, order_reference: `ORD-${shopper.reference}`, customer_reference: shopper.reference, created_at: '2025-03-01T10:00:00Z', status: 'paid', currency: 'EUR', grand_total: '49.90', item_count: '2' },
    ]);
    const groups = stack.app.get(CustomerGroupFacade);
    const group = await groups.create({ name: `Newsletter ${shopper.reference}` });
    await groups.assign(group.id, [shopper.reference]);
    expect((await stack.http().patch(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken)).send(doc('customers', { lastName: 'King' }))).status).toBe(200);
    expect((await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set(admin).send({ text: 'Asked for a data export.' })).status).toBe(201);
    return { shopper, address, group };
  };

  it('GET /customers/{ref}/export gives the customer everything held about them, without staff notes or staff names', async () => {
    const { shopper, address, group } = await customerWithData();
    const response = await stack.http().get(`/customers/${shopper.reference}/export`).set(bearer(shopper.accessToken));
    expect(response.status).toBe(200);
    const { data } = response.body;
    expect(data).toMatchObject({ type: 'customer-exports', id: shopper.reference, links: { self: `http://localhost:3000/customers/${shopper.reference}/export` } });
    const exported = data.attributes;
    expect(exported.customer).toMatchObject({ reference: shopper.reference, email: shopper.email, firstName: 'Ada', lastName: 'King', phone: '+49 30 1234' });
    expect(exported.customer).not.toHaveProperty('tokenVersion');
    expect(JSON.stringify(exported)).not.toMatch(/password|\$argon2/i);
    expect(exported.addresses).toEqual([expect.objectContaining({ uuid: address.uuid, address1: 'Julie-Wolfthorn-Straße', iso2Code: 'DE', country: 'Germany' })]);
    expect(exported.groups).toEqual([{ id: group.id, name: group.name, description: null }]);
    expect(exported.orders).toEqual([expect.objectContaining({ orderReference: `ORD-${shopper.reference}`, grandTotal: 4990, currency: 'EUR' })]);
    expect(exported.history.map((e: { event: string }) => e.event)).toEqual(['registered', 'confirmed', 'address-added', 'group-added', 'profile-updated', 'note-added']);
    const noteEntry = exported.history.find((e: { event: string }) => e.event === 'note-added');
    expect(noteEntry.actor).toEqual({ type: 'user', id: null, name: null });
    expect(exported).not.toHaveProperty('notes');
    expect(JSON.stringify(exported)).not.toContain('Asked for a data export');
    expect(Date.parse(exported.exportedAt)).not.toBeNaN();
  });

  it('holds no password hash, token or key, and nothing of another customer who shares a group', async () => {
    const { shopper, group } = await customerWithData();
    const { shopper: other, address: otherAddress } = await customerWithData();
    await stack.app.get(CustomerGroupFacade).assign(group.id, [other.reference]);
    await stack.backofficeHttp().post(`/api/customers/${other.reference}/notes`).set(admin).send({ text: `About ${other.reference} only` });
    expect((await stack.http().post('/customer-forgotten-password').send(doc('customer-forgotten-password', { email: shopper.email }))).status).toBe(204);
    // The reset is looked up after the answer (so its timing tells nothing): wait for its mail in the outbox.
    await waitFor(async () => (await stack.sql(`select 1 from outbox_message where subject = ? and type = 'mail.customer-password-restore'`, [shopper.reference])).length === 1, {
      what: 'the reset mail in the outbox',
    });
    const secrets = await stack.sql<{ token: string }>(`select payload->'secrets'->>'token' as token from outbox_message where subject = ? and payload->'secrets' is not null`, [shopper.reference]);
    const [stored] = await stack.sql<{ password_hash: string; registration_key_hash: string | null; restore_password_key_hash: string | null }>(
      'select password_hash, registration_key_hash, restore_password_key_hash from customer where customer_reference = ?',
      [shopper.reference],
    );
    expect(stored.restore_password_key_hash).toBeTruthy();

    for (const response of [
      await stack.http().get(`/customers/${shopper.reference}/export`).set(bearer(shopper.accessToken)),
      await stack.backofficeHttp().get(`/api/customers/${shopper.reference}/export`).set(admin),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const text = response.text;
      for (const value of [stored.password_hash, stored.restore_password_key_hash!, shopper.accessToken, shopper.refreshToken, shopper.password, ...secrets.map((r) => r.token)]) {
        expect(text).not.toContain(value);
      }
      expect(text).not.toMatch(/tokenVersion|passwordHash|password_hash|keyHash|key_hash/);
      for (const value of [other.reference, other.email, `ORD-${other.reference}`, otherAddress.uuid, `About ${other.reference} only`]) expect(text).not.toContain(value);
    }
  });

  it('refuses another customer\'s export like any other profile read (404 402), whether or not it exists', async () => {
    const alice = await registerShopper(stack);
    const bob = await registerShopper(stack);
    for (const reference of [bob.reference, 'DE--999999999']) {
      const response = await stack.http().get(`/customers/${reference}/export`).set(bearer(alice.accessToken));
      expect(response.status).toBe(404);
      expect(response.body).toEqual(glueError(404, '402', 'Customer not found.'));
    }
    expect((await stack.http().get(`/customers/${alice.reference}/export`)).body).toEqual(glueError(403, '002', 'Missing access token.'));
  });

  it('the back-office export adds the notes and who did what; unknown or deleted customers are 404', async () => {
    const { shopper } = await customerWithData();
    const response = await stack.backofficeHttp().get(`/api/customers/${shopper.reference}/export`).set(admin);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="customer-${shopper.reference}.json"`);
    expect(response.body.notes).toEqual([expect.objectContaining({ text: 'Asked for a data export.', authorName: 'Data Officer' })]);
    expect(response.body.history.find((e: { event: string }) => e.event === 'note-added').actor).toMatchObject({ type: 'user', name: 'Data Officer' });
    expect(response.body.customer.email).toBe(shopper.email);

    expect((await stack.backofficeHttp().delete(`/api/customers/${shopper.reference}`).set(admin)).status).toBe(204);
    expect((await stack.backofficeHttp().get(`/api/customers/${shopper.reference}/export`).set(admin)).status).toBe(404);
    expect((await stack.backofficeHttp().get('/api/customers/DE--999999999/export').set(admin)).status).toBe(404);
  });

  it('deleting a customer cancels their queued mail (pending, relayed or dead) and erases every payload; a requeue does not bring it back', async () => {
    const attributes = registrationAttributes({ locale: 'de_DE' });
    const created = await stack.http().post('/customers').send(doc('customers', attributes));
    const reference = created.body.data.id as string;
    // No worker runs here, so the confirmation mail is still pending; the customer cannot log in yet, staff delete it.
    const [pending] = await stack.sql<{ status: string; payload: Record<string, unknown> }>('select status, payload from outbox_message where subject = ?', [reference]);
    expect(pending.status).toBe('pending');
    expect(pending.payload).toMatchObject({ to: attributes.email, firstName: 'Ada', secrets: { token: expect.any(String) } });
    // Earlier mails about the same customer in every other state: handed to the queue, given up, and delivered.
    const payload = JSON.stringify({ to: attributes.email, locale: 'de_DE', firstName: 'Ada', lastName: 'Lovelace', secrets: { token: 'raw-token' } });
    for (const [status, lastError, delivered] of [['relayed', null, null], ['dead', 'SMTP down', null], ['delivered', null, 'now()']] as const) {
      await stack.sql(
        `insert into outbox_message (id, type, payload, subject, status, attempts, last_error, created_at, delivered_at) values (gen_random_uuid(), 'mail.customer-password-restore', ?::jsonb, ?, ?, 1, ?, now() - interval '1 hour', ${delivered ?? 'null'})`,
        [status === 'delivered' ? JSON.stringify({ to: 'a***@example.com', locale: 'de_DE' }) : payload, reference, status, lastError],
      );
    }

    expect((await stack.backofficeHttp().delete(`/api/customers/${reference}`).set(admin)).status).toBe(204);
    const rows = await stack.sql<{ status: string; payload: Record<string, unknown>; last_error: string | null }>(
      'select status, payload, last_error from outbox_message where subject = ? order by status',
      [reference],
    );
    expect(rows).toEqual([
      { status: 'dead', payload: {}, last_error: 'cancelled: subject erased' },
      { status: 'dead', payload: {}, last_error: 'cancelled: subject erased' },
      { status: 'dead', payload: {}, last_error: 'cancelled: subject erased' },
      { status: 'delivered', payload: {}, last_error: null },
    ]);
    expect(await stack.app.get(OutboxFacade).requeueDead()).toBe(0);
    expect((await stack.sql<{ status: string }>('select status from outbox_message where subject = ?', [reference])).map((r) => r.status).sort()).toEqual(['dead', 'dead', 'dead', 'delivered']);
  });

  it('deleting a customer erases the new email a pending email change named from the history', async () => {
    const shopper = await registerShopper(stack);
    const newEmail = `new.${shopper.email}`;
    expect((await stack.http().patch(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken)).send(doc('customers', { email: newEmail }))).status).toBe(200);
    const before = await stack.sql<{ details: Record<string, unknown> }>(`select details from customer_history where customer_reference = ? and event = 'email-change-requested'`, [shopper.reference]);
    expect(before[0].details).toEqual({ newEmail });
    expect((await stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken))).status).toBe(204);
    const history = await stack.sql<{ details: unknown }>('select details::text as details from customer_history where customer_reference = ?', [shopper.reference]);
    expect(history.length).toBeGreaterThan(2);
    expect(JSON.stringify(history)).not.toContain(newEmail);
  });
});
