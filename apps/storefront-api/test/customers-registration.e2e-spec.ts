import { doc, JSON_API, startStack, TestStack } from '../../../test/support/stack';
import { AfterResponse } from '../src/glue/after-response';
import { glueError, logIn, PASSWORD, registrationAttributes, registrationKeyOf, uniqueEmail } from './storefront.helpers';

const EMAIL_IN_USE =
  'If this email address is already in use, you will receive a password reset link. Otherwise you must first validate your e-mail address to finish registration. Please check your e-mail.';
const CLASSES =
  'Your password must include at least one uppercase letter, one lowercase letter, one number, and one special character from the following list: !@#$%^&*()_-+=[]{}|;:<>.,/?\\~. Non-Latin and other special characters are not allowed.';

describe('POST /customers and POST /customer-confirmation', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack.close());

  const register = (attributes: Record<string, unknown>) => stack.http().post('/customers').set('Content-Type', JSON_API).send(doc('customers', attributes));
  const details = (body: { errors: { detail: string }[] }) => body.errors.map((e) => e.detail);

  it('creates the customer with the next reference and no password field', async () => {
    const first = await register(registrationAttributes());
    const second = await register(registrationAttributes({ email: uniqueEmail('second'), locale: 'de_DE' }));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const n = Number(first.body.data.id.split('--')[1]);
    expect(second.body.data.id).toBe(`DE--${n + 1}`);
    expect(Object.keys(second.body.data.attributes).sort()).toEqual(
      ['createdAt', 'dateOfBirth', 'email', 'firstName', 'gender', 'lastName', 'locale', 'phone', 'salutation', 'updatedAt'],
    );
    expect(second.body.data.attributes.locale).toBe('de_DE');
    expect(first.body.data.attributes.locale).toBe('en_US');
    const [row] = await stack.sql<{ password_hash: string; registered_at: Date | null; registration_key_hash: string }>(
      'select password_hash, registered_at, registration_key_hash from customer where customer_reference = ?',
      [second.body.data.id],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.registered_at).toBeNull();
    expect(row.registration_key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts plain application/json too', async () => {
    const response = await stack.http().post('/customers').set('Content-Type', 'application/json').send(JSON.stringify(doc('customers', registrationAttributes())));
    expect(response.status).toBe(201);
  });

  it('reports every missing field with 422 901', async () => {
    const response = await register({});
    expect(response.status).toBe(422);
    expect(response.body.errors.every((e: { code: string; status: number }) => e.code === '901' && e.status === 422)).toBe(true);
    expect(details(response.body).sort()).toEqual(
      ['acceptedTerms', 'confirmPassword', 'email', 'firstName', 'gender', 'lastName', 'password', 'salutation'].map((f) => `${f} => This field is missing.`),
    );
  });

  it.each([
    [{ firstName: '' }, 'firstName => This value should not be blank.'],
    [{ firstName: null }, 'firstName => This value should not be blank.'],
    [{ lastName: 'x'.repeat(101) }, 'lastName => This value is too long. It should have 100 characters or less.'],
    [{ firstName: 'Ada<script>' }, 'firstName => This value is not valid.'],
    [{ lastName: 'A/B' }, 'lastName => This value is not valid.'],
    [{ email: 'not-an-email' }, 'email => This value is not a valid email address.'],
    [{ email: `${'a'.repeat(92)}@example.com` }, 'email => This value is too long. It should have 100 characters or less.'],
    [{ salutation: 'Sir' }, 'salutation => The value you selected is not a valid choice.'],
    [{ gender: 'Other' }, 'gender => The value you selected is not a valid choice.'],
    [{ acceptedTerms: false }, 'acceptedTerms => This value should be true.'],
    [{ acceptedTerms: 'true' }, 'acceptedTerms => This value should be of type bool.'],
    [{ dateOfBirth: '1990-02-30' }, 'dateOfBirth => This value is not a valid date.'],
    [{ dateOfBirth: '10.12.1990' }, 'dateOfBirth => This value is not a valid date.'],
    [{ locale: 'fr_FR' }, 'locale => The value you selected is not a valid choice.'],
    [{ password: 'Aa1!', confirmPassword: 'Aa1!' }, 'password => This value is too short. It should have 12 characters or more.'],
    [{ password: `Aa1!${'x'.repeat(125)}`, confirmPassword: 'x' }, 'password => This value is too long. It should have 128 characters or less.'],
    [{ password: 'alllowercase1!', confirmPassword: 'alllowercase1!' }, `password => ${CLASSES}`],
    [{ password: 'Ümlauts-are-1-no', confirmPassword: 'Ümlauts-are-1-no' }, `password => ${CLASSES}`],
    [{ firstName: 42 }, 'firstName => This value should be of type string.'],
  ])('validates %j', async (overrides, expected) => {
    const response = await register(registrationAttributes(overrides));
    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual({ status: 422, code: '901', detail: expected });
  });

  it('runs validation before the password comparison', async () => {
    const response = await register(registrationAttributes({ email: 'bad', confirmPassword: 'Other-Horse7!' }));
    expect(response.body).toEqual(glueError(422, '901', 'email => This value is not a valid email address.'));
  });

  it('refuses different password and confirmPassword with 422 406', async () => {
    const response = await register(registrationAttributes({ confirmPassword: 'Other-Horse7!' }));
    expect(response.body).toEqual(glueError(422, '406', 'Value in field password should be identical to value in the confirmPassword field.'));
    expect(response.status).toBe(422);
  });

  it.each([
    ['Abbb1!xyz123', '421', 'The password contains sequence of the same character.'],
    ['P030710p$e4o', '422', 'The password is listed as common.'],
    ['Password123!', '422', 'The password is listed as common.'],
  ])('applies the password policies to %s with 400 %s', async (password, code, detail) => {
    const response = await register(registrationAttributes({ password, confirmPassword: password }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual(glueError(400, code, detail));
  });

  it('refuses an email already used by a live customer, ignoring case, with 422 400', async () => {
    const email = uniqueEmail('taken');
    expect((await register(registrationAttributes({ email }))).status).toBe(201);
    const again = await register(registrationAttributes({ email: email.toUpperCase() }));
    expect(again.status).toBe(422);
    expect(again.body).toEqual(glueError(422, '400', EMAIL_IN_USE));
  });

  it('sends the owner of a taken email the password reset link the 422 400 text promises', async () => {
    const email = uniqueEmail('promised');
    const created = await register(registrationAttributes({ email }));
    expect((await register(registrationAttributes({ email: email.toUpperCase() }))).status).toBe(422);
    await stack.app.get(AfterResponse).settled();
    const restoreMails = await stack.sql<{ to: string; token: string }>(
      `select payload->>'to' as "to", payload->'secrets'->>'token' as token from outbox_message where subject = ? and type = 'mail.customer-password-restore'`,
      [created.body.data.id],
    );
    expect(restoreMails).toHaveLength(1);
    expect(restoreMails[0].to).toBe(email);
    const restored = await stack
      .http()
      .patch('/customer-restore-password/mine')
      .send(doc('customer-restore-password', { restorePasswordKey: restoreMails[0].token, password: 'Other-Horse8!x', confirmPassword: 'Other-Horse8!x' }));
    expect(restored.status).toBe(204);
    expect((await logIn(stack, email, 'Other-Horse8!x')).status).toBe(201);
  });

  it('gives one 201 and one 422 400 when two registrations race for one email', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all([
      register(registrationAttributes({ email })),
      register(registrationAttributes({ email: email.toUpperCase() })),
      register(registrationAttributes({ email: ` ${email}`.trim() })),
    ]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 422, 422]);
    for (const r of responses.filter((r) => r.status === 422)) expect(r.body.errors[0].code).toBe('400');
    const rows = await stack.sql('select id from customer where email_normalized = ?', [email.toLowerCase()]);
    expect(rows).toHaveLength(1);
  });

  it('answers 400 in the error shape for a body that is not JSON or not a JSON:API document', async () => {
    const broken = await stack.http().post('/customers').set('Content-Type', JSON_API).send('{"data": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ errors: [{ status: 400, code: '000', detail: 'Request body is not valid JSON.' }] });
    for (const body of [{}, { data: [] }, { data: 'x' }, { data: { type: 'customers', attributes: [] } }, { data: { type: 'addresses', attributes: {} } }]) {
      const response = await stack.http().post('/customers').set('Content-Type', JSON_API).send(body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].status).toBe(400);
    }
    const array = await stack.http().post('/customers').set('Content-Type', JSON_API).send('[1,2]');
    expect(array.status).toBe(400);
    for (const scalar of ['null', '42', '"x"', 'true']) {
      const response = await stack.http().post('/customers').set('Content-Type', JSON_API).send(scalar);
      expect([scalar, response.body.errors[0].detail]).toEqual([scalar, expect.stringMatching(/^Request body must be a JSON:API document/)]);
    }
  });

  it('answers a body of another media type with 415, and accepts JSON types with parameters', async () => {
    const body = JSON.stringify(doc('customers', registrationAttributes()));
    const unsupported = glueError(415, '000', 'Content-Type must be application/vnd.api+json (or application/json).');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await stack.http().post('/customers').set('Content-Type', type).send(body);
      expect([type, response.status, response.body]).toEqual([type, 415, unsupported]);
    }
    const untyped = await stack.http().post('/customers').serialize((b: string) => b).unset('Content-Type').send(body);
    expect(untyped.body).toEqual(unsupported);
    const typed = await stack.http().post('/customers').set('Content-Type', `${JSON_API}; charset=utf-8`).send(body);
    expect(typed.status).toBe(201);
    expect((await stack.http().post('/customer-forgotten-password')).status).toBe(400);
  });

  it('answers bodies refused before routing in the API\'s words, with the headers every answer has', async () => {
    const checks: [Promise<{ status: number; body: unknown; headers: Record<string, string> }>, number, string][] = [
      [stack.http().post('/customers').set('Content-Type', 'text/plain').send('x'), 415, 'Content-Type must be application/vnd.api+json (or application/json).'],
      [stack.http().post('/customers').set('Content-Type', JSON_API).send('{bad'), 400, 'Request body is not valid JSON.'],
      [stack.http().post('/customers').set('Content-Type', JSON_API).send(JSON.stringify({ pad: 'x'.repeat(200_000) })), 413, 'Request body is larger than 100 kB.'],
      [stack.http().post('/customers').set('Content-Type', `${JSON_API}; charset=latin1`).send('{}'), 415, 'Request body charset "latin1" is not supported: send UTF-8.'],
    ];
    for (const [request, status, detail] of checks) {
      const response = await request;
      expect([response.status, response.body]).toEqual([status, { errors: [{ status, code: '000', detail }] }]);
      expect(response.headers['content-type']).toBe('application/vnd.api+json');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    }
  });

  it('confirms once with the registration key; unknown or used keys get 422 423', async () => {
    const created = await register(registrationAttributes());
    const key = await registrationKeyOf(stack, created.body.data.id);
    const confirm = (registrationKey: unknown) =>
      stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey }));
    const invalid = glueError(422, '423', 'This email confirmation code is invalid or has been already used.');

    expect((await confirm('not-a-key')).body).toEqual(invalid);
    expect((await confirm(key)).status).toBe(204);
    const again = await confirm(key);
    expect(again.status).toBe(422);
    expect(again.body).toEqual(invalid);
    expect((await confirm('')).body).toEqual(glueError(422, '901', 'registrationKey => This value should not be blank.'));
    const [row] = await stack.sql<{ registered_at: Date | null; registration_key_hash: string | null }>(
      'select registered_at, registration_key_hash from customer where customer_reference = ?',
      [created.body.data.id],
    );
    expect(row.registered_at).not.toBeNull();
    expect(row.registration_key_hash).toBeNull();
  });

  it('lets two confirmations with the same key race: one 204, one 422 423', async () => {
    const created = await register(registrationAttributes());
    const key = await registrationKeyOf(stack, created.body.data.id);
    const responses = await Promise.all(
      [1, 2].map(() => stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey: key }))),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([204, 422]);
  });

  it('refuses login before confirmation with 401 003 and accepts it after', async () => {
    const attributes = registrationAttributes();
    const created = await register(attributes);
    expect((await logIn(stack, attributes.email as string)).body).toEqual(glueError(401, '003', 'Failed to authenticate user.'));
    await stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey: await registrationKeyOf(stack, created.body.data.id) }));
    expect((await logIn(stack, attributes.email as string, PASSWORD)).status).toBe(201);
  });
});

describe('registration with double opt-in off', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { DOUBLE_OPT_IN: 'false', CUSTOMER_REFERENCE_PREFIX: 'AT' } });
  });
  afterAll(() => stack.close());

  it('logs in at once, writes no confirmation mail and uses the configured prefix', async () => {
    const attributes = registrationAttributes();
    const created = await stack.http().post('/customers').send(doc('customers', attributes));
    expect(created.status).toBe(201);
    expect(created.body.data.id).toMatch(/^AT--\d+$/);
    expect((await logIn(stack, attributes.email as string)).status).toBe(201);
    expect(await stack.sql('select id from outbox_message')).toHaveLength(0);
  });
});
