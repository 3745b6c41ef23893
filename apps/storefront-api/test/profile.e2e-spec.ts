import { doc, startStack, TestStack } from '../../../test/support/stack';
import { bearer, glueError, logIn, registerShopper, registrationAttributes } from './storefront.helpers';

const NOT_FOUND = glueError(404, '402', 'Customer not found.');
const UNAUTHORIZED = glueError(403, '411', 'Unauthorized request.');

describe('GET/PATCH/DELETE /customers', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('GET /customers returns the caller as a one-element collection', async () => {
    const shopper = await registerShopper(stack);
    const response = await stack.http().get('/customers').set(bearer(shopper.accessToken));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.api+json');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.links).toEqual({ self: 'http://localhost:3000/customers' });
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0]).toMatchObject({ type: 'customers', id: shopper.reference, attributes: { email: shopper.email } });
  });

  it('GET /customers/{ref} returns the own resource; any other reference is 404 402', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    const own = await stack.http().get(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken));
    expect(own.status).toBe(200);
    expect(own.body.data.links.self).toBe(`http://localhost:3000/customers/${shopper.reference}`);
    expect(own.body.data.attributes).not.toHaveProperty('password');
    for (const reference of [other.reference, 'DE--999999', 'nonsense']) {
      const response = await stack.http().get(`/customers/${reference}`).set(bearer(shopper.accessToken));
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
  });

  it('answers 422 901, never 500, for values PostgreSQL could not store', async () => {
    const shopper = await registerShopper(stack);
    const patch = (attributes: Record<string, unknown>) =>
      stack.http().patch(`/customers/${shopper.reference}`).send(doc('customers', attributes)).set(bearer(shopper.accessToken));
    expect((await patch({ firstName: 'A\u0000B' })).body).toEqual(glueError(422, '901', 'firstName => This value is not valid.'));
    expect((await patch({ phone: '1\u00002' })).body).toEqual(glueError(422, '901', 'phone => This value is not valid.'));
    expect((await patch({ dateOfBirth: '0000-01-01' })).body).toEqual(glueError(422, '901', 'dateOfBirth => This value is not a valid date.'));
    expect((await patch({ dateOfBirth: '2999-01-01' })).body).toEqual(glueError(422, '901', 'dateOfBirth => This value is not a valid date.'));
    const login = await stack.http().post('/access-tokens').send(doc('access-tokens', { username: `${shopper.email}\u0000`, password: 'x' }));
    expect(login.status).toBe(422);
    const registration = await stack.http().post('/customers').send(doc('customers', registrationAttributes({ lastName: 'Nul\u0000' })));
    expect(registration.body).toEqual(glueError(422, '901', 'lastName => This value is not valid.'));
  });

  it('answers ids with NUL characters as unknown ids, not as an outage', async () => {
    const shopper = await registerShopper(stack);
    const auth = bearer(shopper.accessToken);
    expect((await stack.http().get('/customers/%00').set(auth)).body).toEqual(NOT_FOUND);
    expect((await stack.http().patch('/customers/DE%00').set(auth).send(doc('customers', { firstName: 'X' }))).body).toEqual(NOT_FOUND);
    expect((await stack.http().delete('/customers/%00').set(auth)).status).toBe(404);
    expect((await stack.http().get(`/customers/${shopper.reference}/addresses/%00`).set(auth)).body).toEqual(glueError(404, '404', 'Address was not found.'));
    expect((await stack.http().get('/orders/%00').set(auth)).status).toBe(404);
    expect((await stack.http().get(`/customers/${shopper.reference}?include=%00`).set(auth)).status).toBe(200);
    const surrogate = await stack.http().get('/customers/%ED%A0%80').set(auth);
    expect([surrogate.status, surrogate.body.errors[0].status]).toEqual([400, 400]);
  });

  it('refuses lone surrogates and control characters (which would reach mails) with 422 901, and keeps emoji', async () => {
    const shopper = await registerShopper(stack);
    const [before] = await stack.sql<{ first_name: string }>('select first_name from customer where customer_reference = ?', [shopper.reference]);
    const patch = (attributes: Record<string, unknown>) =>
      stack.http().patch(`/customers/${shopper.reference}`).send(doc('customers', attributes)).set(bearer(shopper.accessToken));
    for (const firstName of ['Ada\ud800', '\udfffAda', 'A\nB', 'A\u0007B', 'A\u001b[31mB', 'A\u007fB', 'A\u0085da']) {
      expect((await patch({ firstName, email: `${shopper.email}.moved` })).body).toEqual(glueError(422, '901', 'firstName => This value is not valid.'));
    }
    expect((await patch({ phone: '+49\ud83d' })).body).toEqual(glueError(422, '901', 'phone => This value is not valid.'));
    for (const email of ['a@example.com\n', 'a\t@example.com', 'a@exa\u0000mple.com']) {
      expect((await patch({ email })).body).toEqual(glueError(422, '901', 'email => This value is not a valid email address.'));
    }
    const registration = await stack.http().post('/customers').send(doc('customers', registrationAttributes({ firstName: 'Ada\ud800' })));
    expect(registration.body).toEqual(glueError(422, '901', 'firstName => This value is not valid.'));
    const address = await stack.http().post(`/customers/${shopper.reference}/addresses`).set(bearer(shopper.accessToken)).send(doc('addresses', {
      salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', address1: 'Main\nStreet', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE',
      isDefaultShipping: true, isDefaultBilling: true,
    }));
    expect(address.body).toEqual(glueError(422, '901', 'address1 => This value is not valid.'));
    const rows = await stack.sql<{ first_name: string; email: string }>('select first_name, email from customer where customer_reference = ?', [shopper.reference]);
    expect(rows).toEqual([{ first_name: before.first_name, email: shopper.email }]);
    expect(await stack.sql('select id from customer_address where customer_reference = ?', [shopper.reference])).toEqual([]);
    const emoji = await patch({ firstName: 'Ada 😀' });
    expect(emoji.status).toBe(200);
    expect(emoji.body.data.attributes.firstName).toBe('Ada 😀');
  });

  it('GET /customers/{ref}?include=addresses adds the addresses relationship', async () => {
    const shopper = await registerShopper(stack);
    const response = await stack.http().get(`/customers/${shopper.reference}?include=addresses`).set(bearer(shopper.accessToken));
    expect(response.status).toBe(200);
    const repeated = await stack.http().get(`/customers/${shopper.reference}?include=addresses&include=other`).set(bearer(shopper.accessToken));
    expect(repeated.status).toBe(200);
    expect(repeated.body.data.relationships).toEqual({ addresses: { data: [] } });
    expect(response.body.data.relationships).toEqual({ addresses: { data: [] } });
    expect(response.body.included).toEqual([]);
  });

  it('GET /customers?include=addresses adds the addresses to the one-element collection', async () => {
    const shopper = await registerShopper(stack);
    const created = await stack.http().post(`/customers/${shopper.reference}/addresses`).set(bearer(shopper.accessToken)).send(doc('addresses', {
      salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', address1: 'Main Street', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE',
      isDefaultShipping: true, isDefaultBilling: true,
    }));
    const response = await stack.http().get('/customers?include=addresses').set(bearer(shopper.accessToken));
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0].relationships).toEqual({ addresses: { data: [{ type: 'addresses', id: created.body.data.id }] } });
    expect(response.body.included).toEqual([created.body.data]);
    expect(response.body.links).toEqual({ self: 'http://localhost:3000/customers' });
    const plain = await stack.http().get('/customers').set(bearer(shopper.accessToken));
    expect(plain.body.data[0]).not.toHaveProperty('relationships');
    expect(plain.body).not.toHaveProperty('included');
  });

  it('PATCH changes only the sent attributes and returns the whole resource', async () => {
    const shopper = await registerShopper(stack, { phone: '+49 30 1', dateOfBirth: '1990-01-02' });
    const response = await stack.http()
      .patch(`/customers/${shopper.reference}`)
      .send(doc('customers', { firstName: 'Augusta', locale: 'de_DE', phone: null }, shopper.reference))
      .set(bearer(shopper.accessToken));
    expect(response.status).toBe(200);
    expect(response.body.data.attributes).toMatchObject({
      firstName: 'Augusta', lastName: 'Lovelace', locale: 'de_DE', phone: null, dateOfBirth: '1990-01-02', email: shopper.email, salutation: 'Ms',
    });
    const [row] = await stack.sql<{ first_name: string; locale: string }>('select first_name, locale from customer where customer_reference = ?', [shopper.reference]);
    expect(row).toEqual({ first_name: 'Augusta', locale: 'de_DE' });
  });

  it('PATCH validates sent attributes with 422 901', async () => {
    const shopper = await registerShopper(stack);
    const patch = (attributes: Record<string, unknown>) =>
      stack.http().patch(`/customers/${shopper.reference}`).send(doc('customers', attributes)).set(bearer(shopper.accessToken));
    expect((await patch({ locale: 'xx_XX' })).body).toEqual(glueError(422, '901', 'locale => The value you selected is not a valid choice.'));
    expect((await patch({ email: 'nope' })).body).toEqual(glueError(422, '901', 'email => This value is not a valid email address.'));
    expect((await patch({ firstName: '' })).body).toEqual(glueError(422, '901', 'firstName => This value should not be blank.'));
    expect((await patch({ gender: 'X' })).body).toEqual(glueError(422, '901', 'gender => The value you selected is not a valid choice.'));
    expect((await patch({})).status).toBe(200);
  });

  it('PATCH of another customer is 403 411 when it exists, 404 402 when it does not', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    const attempt = await stack.http().patch(`/customers/${other.reference}`).send(doc('customers', { firstName: 'Mallory' })).set(bearer(shopper.accessToken));
    expect(attempt.status).toBe(403);
    expect(attempt.body).toEqual(UNAUTHORIZED);
    const [row] = await stack.sql<{ first_name: string }>('select first_name from customer where customer_reference = ?', [other.reference]);
    expect(row.first_name).toBe('Ada');
    const unknown = await stack.http().patch('/customers/DE--999999').send(doc('customers', { firstName: 'X' })).set(bearer(shopper.accessToken));
    expect(unknown.body).toEqual(NOT_FOUND);
  });

  it('PATCH email: a taken email (any case) is 422 400; a change of letter case applies at once', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    const taken = await stack.http().patch(`/customers/${shopper.reference}`).send(doc('customers', { email: other.email.toUpperCase() })).set(bearer(shopper.accessToken));
    expect(taken.status).toBe(422);
    expect(taken.body.errors[0].code).toBe('400');
    const sameInOtherCase = await stack.http().patch(`/customers/${shopper.reference}`).send(doc('customers', { email: shopper.email.toUpperCase() })).set(bearer(shopper.accessToken));
    expect(sameInOtherCase.status).toBe(200);
    expect(sameInOtherCase.body.data.attributes.email).toBe(shopper.email.toUpperCase());
    expect(sameInOtherCase.body.meta).toBeUndefined();
  });

  it('DELETE of another customer is 403 411 and changes nothing', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    const attempt = await stack.http().delete(`/customers/${other.reference}`).set(bearer(shopper.accessToken));
    expect(attempt.status).toBe(403);
    expect(attempt.body).toEqual(UNAUTHORIZED);
    expect((await logIn(stack, other.email, other.password)).status).toBe(201);
  });

  it('DELETE anonymizes the caller: data cleared, logins and refresh tokens refused, email free again', async () => {
    const shopper = await registerShopper(stack, { phone: '+1 555', dateOfBirth: '1980-05-06' });
    const deleted = await stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken));
    expect(deleted.status).toBe(204);

    const [row] = await stack.sql<Record<string, unknown>>('select * from customer where customer_reference = ?', [shopper.reference]);
    expect(row).toMatchObject({ first_name: null, last_name: null, salutation: null, gender: null, date_of_birth: null, phone: null, password_hash: null });
    expect(row.anonymized_at).not.toBeNull();
    expect(String(row.email).toLowerCase()).not.toContain(shopper.email.split('@')[0]);
    const live = await stack.sql('select id from customer_refresh_token where customer_reference = ? and revoked_at is null', [shopper.reference]);
    expect(live).toHaveLength(0);

    expect((await logIn(stack, shopper.email, shopper.password)).body).toEqual(glueError(401, '003', 'Failed to authenticate user.'));
    expect((await stack.http().post('/refresh-tokens').send(doc('refresh-tokens', { refreshToken: shopper.refreshToken }))).body).toEqual(
      glueError(401, '004', 'Failed to refresh token.'),
    );
    // The deleted customer's access token is void (its token version is gone with the account).
    expect((await stack.http().get(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken))).body).toEqual(
      glueError(401, '001', 'Invalid access token.'),
    );
    expect((await stack.http().get('/customers').set(bearer(shopper.accessToken))).status).toBe(401);
    expect((await stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken))).status).toBe(401);
    // Mail about the customer keeps nothing personal.
    const payloads = await stack.sql<{ payload: Record<string, unknown> }>('select payload from outbox_message where subject = ?', [shopper.reference]);
    expect(payloads.length).toBeGreaterThan(0);
    for (const { payload } of payloads) expect(payload).toEqual({});

    const again = await stack.http().post('/customers').send(doc('customers', registrationAttributes({ email: shopper.email })));
    expect(again.status).toBe(201);
    expect(again.body.data.id).not.toBe(shopper.reference);
  });

  it('PATCH or DELETE without a reference is 400 405', async () => {
    const shopper = await registerShopper(stack);
    const missing = glueError(400, '405', 'Customer reference is missing.');
    expect((await stack.http().patch('/customers').send(doc('customers', { firstName: 'X' })).set(bearer(shopper.accessToken))).body).toEqual(missing);
    expect((await stack.http().delete('/customers').set(bearer(shopper.accessToken))).body).toEqual(missing);
  });

  it('answers CORS preflight requests for browser storefronts', async () => {
    const response = await stack.http()
      .options('/customers')
      .set('Origin', 'https://shop.example')
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'Authorization, Content-Type');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(response.headers['access-control-allow-headers']).toContain('Authorization');
    expect(response.headers['cache-control']).toBe('no-store');
    const simple = await stack.http().get('/customer-access').set('Origin', 'https://shop.example');
    expect(simple.headers['access-control-expose-headers']).toBe('Retry-After,X-Request-Id,Allow');
  });

  it('refuses a PATCH whose data.id names another customer with 409, changing nothing; a matching data.id is fine', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    const send = (id: string | null) =>
      stack.http().patch(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken)).send({ data: { type: 'customers', id, attributes: { firstName: 'Grace' } } });
    expect((await send(other.reference)).body).toEqual(glueError(409, '000', 'data.id does not match the id in the URL.'));
    const [row] = await stack.sql<{ first_name: string }>('select first_name from customer where customer_reference = ?', [shopper.reference]);
    expect(row.first_name).not.toBe('Grace');
    expect((await send(null)).status).toBe(200);
    const matching = await send(shopper.reference);
    expect(matching.status).toBe(200);
    expect(matching.body.data.attributes.firstName).toBe('Grace');
  });

  it('answers a method the path does not take with 405 and Allow, in the error shape', async () => {
    const shopper = await registerShopper(stack);
    const put = await stack.http().put(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken)).send(doc('customers', { firstName: 'Grace' }));
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    expect(put.headers['content-type']).toBe('application/vnd.api+json');
    expect(put.body).toEqual(glueError(405, '000', 'Method not allowed.'));
    const get = await stack.http().get('/access-tokens');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('answers unknown routes in the error shape', async () => {
    const response = await stack.http().get('/no-such-resource');
    expect(response.status).toBe(404);
    expect(response.body.errors[0]).toMatchObject({ status: 404, code: expect.any(String) });
  });
});
