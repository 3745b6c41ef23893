import { AddressFacade } from '@patron/address';
import { UserFacade } from '@patron/user';
import { doc, startStack, TestStack } from '../../../test/support/stack';
import { tokenFromMail } from '../../../test/support/smtp-sink';
import { waitFor } from '../../../test/support/wait-for';
import { bearer, glueError, logIn, registerShopper, registrationAttributes, registrationKeyOf } from '../../storefront-api/test/storefront.helpers';

const PASSWORD = 'Staff-Password-9!';

describe('back-office customer management', () => {
  let stack: TestStack;
  let admin: string;
  let agent: string;
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true });
    const users = stack.app.get(UserFacade);
    await users.create({ email: 'admin@shop.test', name: 'Admin', role: 'admin', password: PASSWORD });
    await users.create({ email: 'agent@shop.test', name: 'Agent', role: 'agent', password: PASSWORD });
    const token = async (email: string) => (await stack.backofficeHttp().post('/api/auth/login').send({ email, password: PASSWORD })).body.accessToken;
    admin = await token('admin@shop.test');
    agent = await token('agent@shop.test');
  });
  afterAll(() => stack.close());

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const outbox = (reference: string, type: string) =>
    stack.sql<{ token: string | null }>(`select payload->'secrets'->>'token' as token from outbox_message where subject = ? and type = ?`, [reference, type]);

  it('creates a confirmed customer without a password; the mailed token sets the first one', async () => {
    expect((await stack.backofficeHttp().post('/api/customers').set(as(agent)).send({ email: 'x@example.com', firstName: 'X', lastName: 'Y' })).status).toBe(403);
    const invalid = await stack.backofficeHttp().post('/api/customers').set(as(admin)).send({ email: 'nope', lastName: '' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'firstName', 'lastName']);
    const created = await stack.backofficeHttp().post('/api/customers').set(as(admin))
      .send({ email: 'staff.made@example.com', firstName: 'Staff', lastName: 'Made', sendPasswordToken: true });
    expect(created.status).toBe(201);
    const reference = created.body.data.reference;
    expect(reference).toMatch(/^DE--\d+$/);
    expect((await stack.backofficeHttp().post('/api/customers').set(as(admin)).send({ email: 'STAFF.MADE@example.com', firstName: 'A', lastName: 'B' })).status).toBe(409);
    const [{ token }] = await outbox(reference, 'mail.customer-account-created');
    const restored = await stack.http().patch('/customer-restore-password/x')
      .send(doc('customer-restore-password', { restorePasswordKey: token, password: 'First-Password-9!', confirmPassword: 'First-Password-9!' }));
    expect(restored.status).toBe(204);
    expect((await logIn(stack, 'staff.made@example.com', 'First-Password-9!')).status).toBe(201);
  });

  it('edits profile and email at once, and picks the default addresses', async () => {
    const shopper = await registerShopper(stack);
    const addresses = stack.app.get(AddressFacade);
    await addresses.create(shopper.reference, { firstName: 'A', lastName: 'B', address1: 'One', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE' });
    const second = await addresses.create(shopper.reference, { firstName: 'A', lastName: 'B', address1: 'Two', address2: '2', zipCode: '20095', city: 'Hamburg', iso2Code: 'DE' });
    const patched = await stack.backofficeHttp().patch(`/api/customers/${shopper.reference}`).set(as(admin))
      .send({ lastName: 'Edited', email: 'edited.by.staff@example.com', defaultBillingAddress: second.uuid });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ lastName: 'Edited', email: 'edited.by.staff@example.com' });
    expect((await addresses.get(shopper.reference, second.uuid)).isDefaultBilling).toBe(true);
    expect((await stack.backofficeHttp().patch(`/api/customers/${shopper.reference}`).set(as(agent)).send({ lastName: 'No' })).status).toBe(403);
    expect((await stack.backofficeHttp().patch('/api/customers/DE--999999').set(as(admin)).send({ lastName: 'No' })).status).toBe(404);
  });

  it('makes the registration key mailed to the former address useless when staff change an unconfirmed customer\'s email', async () => {
    const attributes = registrationAttributes();
    const registered = await stack.http().post('/customers').send(doc('customers', attributes));
    const reference = registered.body.data.id;
    const key = await registrationKeyOf(stack, reference);
    const patched = await stack.backofficeHttp().patch(`/api/customers/${reference}`).set(as(admin)).send({ email: `moved.${attributes.email}` });
    expect(patched.status).toBe(200);
    const confirm = await stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey: key }));
    expect(confirm.body).toEqual(glueError(422, '423', 'This email confirmation code is invalid or has been already used.'));
    expect((await logIn(stack, `moved.${attributes.email}`, attributes.password)).status).toBe(401);
    expect(await outbox(reference, 'mail.customer-email-changed')).toEqual([]);
    // The new address gets a key at once (the mail to the former one does not count against the resend interval).
    expect((await stack.http().post('/customer-confirmation-resend').send(doc('customer-confirmation-resend', { email: `moved.${attributes.email}` }))).status).toBe(204);
    const [, fresh] = await waitFor(async () => {
      const rows = await outbox(reference, 'mail.customer-registration-confirmation');
      return rows.length === 2 ? rows : undefined;
    }, { what: 'a second confirmation mail' });
    expect((await stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey: fresh.token }))).status).toBe(204);
    expect((await logIn(stack, `moved.${attributes.email}`, attributes.password)).status).toBe(201);
  });

  it('adds, edits and deletes a customer\'s addresses with the storefront rules', async () => {
    const shopper = await registerShopper(stack);
    const base = `/api/customers/${shopper.reference}/addresses`;
    const address = { firstName: 'A', lastName: 'B', address1: 'One', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'de' };
    const created = await stack.backofficeHttp().post(base).set(as(admin)).send(address);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ iso2Code: 'DE', country: 'Germany', isDefaultBilling: true, isDefaultShipping: true });
    expect((await stack.backofficeHttp().post(base).set(as(admin)).send({ ...address, iso2Code: 'XX' })).status).toBe(422);
    expect((await stack.backofficeHttp().post(base).set(as(agent)).send(address)).status).toBe(403);
    const uuid = created.body.data.uuid;
    expect((await stack.backofficeHttp().patch(`${base}/${uuid}`).set(as(admin)).send({ city: 'Potsdam', zipCode: '14467' })).body.data.city).toBe('Potsdam');
    expect((await stack.backofficeHttp().delete(`${base}/${uuid}`).set(as(admin))).status).toBe(204);
    expect((await stack.backofficeHttp().delete(`${base}/${uuid}`).set(as(admin))).status).toBe(404);
    expect((await stack.backofficeHttp().post('/api/customers/DE--999999/addresses').set(as(admin)).send(address)).status).toBe(404);
  });

  it('leaves no personal data in the addresses of a customer deleted while staff add and edit them', async () => {
    const address = { firstName: 'A', lastName: 'B', address1: 'One', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE', phone: '+49 30 1' };
    for (let round = 0; round < 10; round++) {
      const { reference } = (await stack.backofficeHttp().post('/api/customers').set(as(admin)).send({ email: `race.${round}@example.com`, firstName: 'R', lastName: 'C' })).body.data;
      const base = `/api/customers/${reference}/addresses`;
      const existing = (await stack.backofficeHttp().post(base).set(as(admin)).send(address)).body.data.uuid;
      const [deleted, ...writes] = await Promise.all([
        stack.backofficeHttp().delete(`/api/customers/${reference}`).set(as(admin)),
        stack.backofficeHttp().post(base).set(as(admin)).send({ ...address, firstName: 'Racer', isDefaultBilling: true }),
        stack.backofficeHttp().post(base).set(as(admin)).send({ ...address, address1: 'Race Street 2' }),
        stack.backofficeHttp().patch(`${base}/${existing}`).set(as(admin)).send({ lastName: 'Edited', phone: '+49 30 9' }),
      ]);
      expect(deleted.status).toBe(204);
      for (const write of writes) expect([200, 201, 404]).toContain(write.status);
      const rows = await stack.sql('select first_name, last_name, address1, phone, is_default_billing from customer_address where customer_reference = ?', [reference]);
      for (const row of rows) expect({ round, ...row }).toEqual({ round, first_name: '', last_name: '', address1: '', phone: null, is_default_billing: false });
    }
  }, 60_000);

  it('confirms by hand, sets a password that ends every session, sends a token, deletes', async () => {
    const created = await stack.http().post('/customers').send(doc('customers', {
      salutation: 'Mr', firstName: 'Un', lastName: 'Confirmed', email: 'hand.confirm@example.com', gender: 'Male',
      password: 'Correct-Horse7!', confirmPassword: 'Correct-Horse7!', acceptedTerms: true,
    }));
    const reference = created.body.data.id;
    expect((await logIn(stack, 'hand.confirm@example.com', 'Correct-Horse7!')).status).toBe(401);
    expect((await stack.backofficeHttp().post(`/api/customers/${reference}/confirm`).set(as(admin))).status).toBe(200);
    const login = await logIn(stack, 'hand.confirm@example.com', 'Correct-Horse7!');
    expect(login.status).toBe(201);

    const weak = await stack.backofficeHttp().put(`/api/customers/${reference}/password`).set(as(admin)).send({ password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors).toEqual([{ field: 'password', message: 'The password is too short.' }]);
    expect((await stack.backofficeHttp().put(`/api/customers/${reference}/password`).set(as(admin)).send({ password: 'Staff-Set-Pass9!' })).status).toBe(204);
    await new Promise((r) => setTimeout(r, 2_100)); // the storefront caches token versions for 2 s
    expect((await stack.http().get('/customers').set(bearer(login.body.data.attributes.accessToken))).status).toBe(401);
    expect((await logIn(stack, 'hand.confirm@example.com', 'Staff-Set-Pass9!')).status).toBe(201);
    expect(await outbox(reference, 'mail.customer-password-changed')).toHaveLength(1);

    expect((await stack.backofficeHttp().post(`/api/customers/${reference}/password-token`).set(as(admin))).status).toBe(202);
    expect(await outbox(reference, 'mail.customer-password-restore')).toHaveLength(1);

    expect((await stack.backofficeHttp().delete(`/api/customers/${reference}`).set(as(agent))).status).toBe(403);
    expect((await stack.backofficeHttp().delete(`/api/customers/${reference}`).set(as(admin))).status).toBe(204);
    expect((await stack.backofficeHttp().get(`/api/customers/${reference}`).set(as(agent))).status).toBe(404);
  });

  it('names the field of every error, and answers 422, never a 500, for dates and text PostgreSQL cannot store', async () => {
    const create = (body: Record<string, unknown>) => stack.backofficeHttp().post('/api/customers').set(as(admin)).send({ firstName: 'D', lastName: 'B', ...body });
    for (const dateOfBirth of ['2999-02-31', '2021-02-29', '0000-01-01', '2999-01-01', '1990-1-1']) {
      const answer = await create({ email: `dob.${dateOfBirth}@example.com`, dateOfBirth });
      expect({ dateOfBirth, status: answer.status, errors: answer.body.errors }).toEqual({ dateOfBirth, status: 422, errors: [{ field: 'dateOfBirth', message: 'must be a past date like 1990-12-31' }] });
    }
    expect((await create({ email: 'dob.ok@example.com', dateOfBirth: '2000-02-29' })).status).toBe(201);

    const taken = await create({ email: 'DOB.OK@example.com' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ field: 'email', message: 'A customer with this email already exists' }]);

    const nul = await create({ email: 'nul@example.com', lastName: 'a\u0000b', company: 'ok' });
    expect(nul.status).toBe(422);
    expect(nul.body.errors).toEqual([{ field: 'lastName', message: 'must not contain NUL characters' }]);
    expect((await stack.backofficeHttp().get('/api/customers?q=a%00b').set(as(agent))).body.errors).toEqual([{ field: 'q', message: 'must not contain NUL characters' }]);
    expect((await stack.backofficeHttp().get('/api/customers/DE%002').set(as(agent))).body.errors).toEqual([{ field: 'reference', message: 'must not contain NUL characters' }]);
    const unsafe = await create({ email: 'unsafe@example.com', firstName: 'A<b>\u001b[31m', lastName: 'L\r\nBcc: x@evil.test', phone: '1\u0085' });
    expect(unsafe.status).toBe(422);
    expect(unsafe.body.errors).toEqual([
      { field: 'firstName', message: 'must not contain control characters' },
      { field: 'lastName', message: 'must not contain control characters' },
      { field: 'phone', message: 'must not contain control characters' },
    ]);
    expect((await create({ email: 'markup@example.com', firstName: 'A<b>' })).body.errors).toEqual([{ field: 'firstName', message: 'must not contain : / < >' }]);
    const surrogate = await create({ email: 'surrogate@example.com', lastName: 'a\ud800b' });
    expect(surrogate.status).toBe(422);
    expect(surrogate.body.errors).toEqual([{ field: 'lastName', message: 'must not contain unpaired UTF-16 surrogates' }]);
    expect((await stack.backofficeHttp().post('/api/auth/login').send({ email: 'a\u0000@shop.test', password: 'x' })).status).toBe(422);
    expect((await stack.backofficeHttp().post('/api/customer-groups').set(as(admin)).send({ name: 'x\u0000' })).status).toBe(422);
    expect((await create({ email: 'body@example.com', firstName: ['a'] })).body.errors).toEqual([{ field: 'firstName', message: 'must be a string' }]);
    expect((await stack.backofficeHttp().post('/api/customers').set(as(admin)).send([1])).body.errors).toEqual([{ field: 'body', message: 'must be an object' }]);
  });

  it('answers 422, not a 500, to a body of deeply nested arrays', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const login = await stack.backofficeHttp().post('/api/auth/login').set('Content-Type', 'application/json').send(deep);
    expect(login.status).toBe(422);
    expect(login.body).toMatchObject({ statusCode: 422, errors: [{ field: 'body', message: 'must be an object' }] });
    const withNul = await stack.backofficeHttp().post('/api/customers').set(as(admin)).set('Content-Type', 'application/json').send(`{"a":${'['.repeat(20_000)}${JSON.stringify('\u0000')}${']'.repeat(20_000)}}`);
    expect(withNul.status).toBe(422);
    expect(withNul.body.errors).toEqual([{ field: `a${'.0'.repeat(20_000)}`, message: 'must not contain NUL characters' }]);
  });

  it('never shows the internal token version: not in a view, a search, the CSV export or the GDPR export', async () => {
    const shopper = await registerShopper(stack);
    // A password change raises the version, so there is one to leak beyond the default.
    await stack.backofficeHttp().put(`/api/customers/${shopper.reference}/password`).set(as(admin)).send({ password: 'Changed-By-Staff-9!' });
    const [{ token_version }] = await stack.sql<{ token_version: number }>('select token_version from customer where customer_reference = ?', [shopper.reference]);
    expect(token_version).toBeGreaterThan(1);
    const view = await stack.backofficeHttp().get(`/api/customers/${shopper.reference}`).set(as(agent));
    expect(view.status).toBe(200);
    expect(view.body.data).toMatchObject({ reference: shopper.reference });
    expect(view.body.data).not.toHaveProperty('tokenVersion');
    const search = await stack.backofficeHttp().get('/api/customers').query({ q: shopper.reference }).set(as(agent));
    expect(search.body.data).toEqual([expect.objectContaining({ reference: shopper.reference })]);
    expect(search.body.data[0]).not.toHaveProperty('tokenVersion');
    const csv = await stack.backofficeHttp().get('/api/customers/export.csv').query({ q: shopper.reference }).set(as(agent));
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toBe('reference,email,salutation,firstName,lastName,gender,dateOfBirth,phone,company,locale,registeredAt,createdAt');
    expect(csv.text).toContain(shopper.reference);
    const gdpr = await stack.backofficeHttp().get(`/api/customers/${shopper.reference}/export`).set(as(agent));
    expect(gdpr.status).toBe(200);
    expect(gdpr.body.customer).toMatchObject({ reference: shopper.reference });
    for (const body of [view.text, search.text, csv.text, gdpr.text]) expect(body).not.toMatch(/tokenVersion|token_version/i);
  });

  it('leaves the profile as it was when a default address is not one of the customer\'s', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    const foreign = await stack.app.get(AddressFacade).create(other.reference, { firstName: 'A', lastName: 'B', address1: 'One', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE' });
    const patched = await stack.backofficeHttp().patch(`/api/customers/${shopper.reference}`).set(as(admin))
      .send({ lastName: 'Changed', defaultBillingAddress: foreign.uuid, defaultShippingAddress: '00000000-0000-4000-8000-000000000000' });
    expect(patched.status).toBe(422);
    expect(patched.body.errors).toEqual([
      { field: 'defaultBillingAddress', message: 'is not an address of this customer' },
      { field: 'defaultShippingAddress', message: 'is not an address of this customer' },
    ]);
    expect((await stack.backofficeHttp().get(`/api/customers/${shopper.reference}`).set(as(agent))).body.data.lastName).not.toBe('Changed');
    expect((await stack.backofficeHttp().patch('/api/customers/DE--999999').set(as(admin)).send({ defaultBillingAddress: foreign.uuid })).status).toBe(404);
  });
});

describe('a customer created in the back office, with the mail over SMTP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ backoffice: true });
    await stack.app.get(UserFacade).create({ email: 'admin@shop.test', name: 'Admin', role: 'admin', password: PASSWORD });
  });
  afterAll(() => stack.close());

  it('gets a mail that says the shop created the account, whose link sets the first password in the storefront', async () => {
    const admin = (await stack.backofficeHttp().post('/api/auth/login').send({ email: 'admin@shop.test', password: PASSWORD })).body.accessToken;
    for (const [email, locale, subject] of [
      ['welcome.en@example.com', 'en_US', 'Your customer account is ready: choose a password'],
      ['welcome.de@example.com', 'de_DE', 'Ihr Kundenkonto ist eingerichtet: Passwort wählen'],
    ]) {
      const created = await stack.backofficeHttp().post('/api/customers').set({ Authorization: `Bearer ${admin}` })
        .send({ email, locale, salutation: 'Ms', firstName: 'Wel', lastName: 'Come', sendPasswordToken: true });
      expect(created.status).toBe(201);
      const mail = await stack.smtp.waitForMailTo(email);
      expect(mail.subject).toBe(subject);
      expect(mail.text).not.toMatch(/someone asked|angefordert/i);
      expect(mail.text).toContain('http://localhost:3000/password/restore?token=');
      const restored = await stack.http().patch('/customer-restore-password/x')
        .send(doc('customer-restore-password', { restorePasswordKey: tokenFromMail(mail), password: 'First-Password-9!', confirmPassword: 'First-Password-9!' }));
      expect(restored.status).toBe(204);
      expect((await logIn(stack, email, 'First-Password-9!')).status).toBe(201);
    }
  });
});
