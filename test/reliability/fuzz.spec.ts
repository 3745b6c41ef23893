import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { Agent } from 'node:http';
import { AddressFacade } from '@patron/address';
import { UserFacade } from '@patron/user';
import { registerShopper, Shopper } from '../../apps/storefront-api/test/storefront.helpers';
import { startStack, TestStack } from '../support/stack';
import { isGlueError, leaks, listen, pool, rawRequest, RawRequest, RawResponse } from './support';

/** Fixed unless FUZZ_SEED says otherwise, so that a failure can be replayed; printed at the start. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261204;
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const STAFF_PASSWORD = 'Staff-Password-9!';

type Api = 'storefront' | 'backoffice';
interface Endpoint {
  api: Api;
  method: string;
  /** Path with `:param` placeholders. */
  path: string;
  /** Sending it with a valid token would end the token's session (fuzzed with bad tokens only). */
  endsSession?: boolean;
}

/** Every route of both APIs, as their controllers declare them. */
const ENDPOINTS: Endpoint[] = [
  ...[
    'POST /access-tokens', 'POST /refresh-tokens', 'DELETE /refresh-tokens/:token', 'POST /customers', 'GET /customers', 'PATCH /customers', 'DELETE /customers',
    'GET /customers/:reference', 'GET /customers/:reference/export', 'PATCH /customers/:reference', 'DELETE /customers/:reference!',
    'POST /customer-confirmation', 'POST /customer-email-change-confirmation', 'POST /customer-confirmation-resend', 'GET /customer-access',
    'POST /customer-forgotten-password', 'PATCH /customer-restore-password/:id', 'PATCH /customer-password/:reference',
    'GET /customers/:reference/addresses', 'GET /customers/:reference/addresses/:uuid', 'POST /customers/:reference/addresses',
    'PATCH /customers/:reference/addresses/:uuid', 'DELETE /customers/:reference/addresses/:uuid',
    'GET /customers/:reference/orders', 'GET /orders', 'GET /orders/:orderReference', 'GET /health/live', 'GET /health/ready',
  ].map((r) => route('storefront', r)),
  ...[
    'GET /api/status', 'POST /api/auth/login', 'POST /api/auth/logout!', 'GET /api/auth/me', 'GET /api/settings',
    'GET /api/customer-access', 'PUT /api/customer-access', 'GET /api/users', 'GET /api/users/:id', 'PATCH /api/users/:id!',
    'GET /api/customer-groups', 'GET /api/customer-groups/:id', 'POST /api/customer-groups', 'PATCH /api/customer-groups/:id',
    'DELETE /api/customer-groups/:id', 'POST /api/customer-groups/:id/members', 'DELETE /api/customer-groups/:id/members',
    'GET /api/customers', 'GET /api/customers/export.csv', 'POST /api/customers', 'PATCH /api/customers/:reference', 'DELETE /api/customers/:reference!',
    'POST /api/customers/:reference/confirm', 'POST /api/customers/:reference/password-token', 'PUT /api/customers/:reference/password',
    'GET /api/customers/:reference', 'GET /api/customers/:reference/export', 'POST /api/customers/:reference/addresses',
    'PATCH /api/customers/:reference/addresses/:uuid', 'DELETE /api/customers/:reference/addresses/:uuid', 'GET /api/customers/:reference/history',
    'GET /api/customers/:reference/notes', 'POST /api/customers/:reference/notes', 'PATCH /api/notes/:id', 'DELETE /api/notes/:id',
  ].map((r) => route('backoffice', r)),
];

function route(api: Api, spec: string): Endpoint {
  const [method, path] = spec.split(' ');
  return { api, method, path: path.replace(/!$/, ''), endsSession: path.endsWith('!') };
}

const FIELDS = [
  'email', 'password', 'confirmPassword', 'newPassword', 'firstName', 'lastName', 'salutation', 'gender', 'dateOfBirth', 'phone', 'locale',
  'acceptedTerms', 'username', 'refreshToken', 'registrationKey', 'restorePasswordKey', 'address1', 'address2', 'address3', 'zipCode', 'city',
  'iso2Code', 'company', 'isDefaultShipping', 'isDefaultBilling', 'name', 'role', 'text', 'customerReferences', 'search', 'sendPasswordToken',
  'defaultBillingAddress', 'defaultShippingAddress', 'disabled', 'price', 'wishlist', 'description', 'q', 'createdFrom', 'status',
  '__proto__', 'constructor', 'unknownField', '',
];
const RESOURCE_TYPES = [
  'customers', 'access-tokens', 'refresh-tokens', 'addresses', 'customer-password', 'customer-forgotten-password', 'customer-restore-password',
  'customer-confirmation', 'orders', 'nope', '',
];

const MB = 'x'.repeat(1024 * 1024);
/** Strings that break naive code: control characters, lone surrogates, bidi overrides, combining marks, emoji, SQL and paths. */
const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202eevil\u202c', '\u05d0\u05d1\u05d2', 'e\u0301\u0301\u0301\u0301', 'Z̴̡̛͉̈́a̷l̸g̶o̵',
  '👩‍👩‍👧‍👦', '🏳️‍🌈', '\ufeff', '\u2028', '\r\n', "'; drop table customer; --", '" or 1=1 --', '%', '%00', '../../etc/passwd', '<script>',
  '{{constructor}}', '${7*7}', 'NaN', '-0', '1e999', '9'.repeat(400), 'DE--1', 'ADA@X.TEST', 'a@b', 'ada@example.com',
  'x'.repeat(101), 'x'.repeat(10_000), '2025-02-30', '0000-00-00', 'de_DE', 'xx_XX', 'true',
];

const stringValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.emailAddress() },
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: stringValue },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1e308, -1e308)) },
    { weight: 2, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), tie('v'), { maxKeys: 3 }) },
  ),
})).v;
const attributes = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });

/** Request bodies: no body, broken JSON, JSON of the wrong shape, JSON:API documents and plain objects with odd attribute values, invalid UTF-8, 1 MB. */
const body: fc.Arbitrary<string | Buffer | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('{', '{"data":', 'null', '[]', '"x"', '1e999', 'true', '{"data":null}', '{"data":[]}', '{"data":{"type":"customers"}}',
      '{"data":{"attributes":"x"}}', '{"a":1,"a":2}', '[' .repeat(5000) + ']'.repeat(5000), '{"__proto__":{"admin":true}}', 'email=a@b&password=x', '\u0000'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 6,
    arbitrary: fc.record({ type: fc.constantFrom(...RESOURCE_TYPES), id: fc.option(stringValue), attributes, extra: fc.option(attributes) }).map(({ type, id, attributes: a, extra }) =>
      JSON.stringify({ data: { type, ...(id === null ? {} : { id }), attributes: a }, ...(extra ? { meta: extra } : {}) })),
  },
  { weight: 5, arbitrary: attributes.map((a) => JSON.stringify(a)) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from('{"data":{"type":"customers","attributes":{"email":"'), Buffer.from(bytes), Buffer.from('"}}}')])) },
  { weight: 1, arbitrary: fc.constantFrom(JSON.stringify({ data: { type: 'customers', attributes: { email: MB, firstName: MB } } }), JSON.stringify({ email: MB, text: MB, name: MB }), MB) },
);

const CONTENT_TYPES = [
  'application/vnd.api+json', 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=latin1',
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/vnd.api+json; ext=bulk', '', '*/*',
];

/** Path parameter values: a real id now and then, and everything an id should not be. */
const ODD_PARAMS = [
  '0', '-1', '1.5', '1e3', '9'.repeat(30), '99999999999999999999999999999999999999999999999999', 'NaN', 'null', 'undefined', '..', '.', '%2e%2e', '%2E%2E%2F%2E%2E',
  '%00', '%ZZ', '%', '%E0%A4%A', '%ED%A0%80', '%C0%AE', '%F0%9F%92%A9', 'mine', 'export.csv', '%20', 'a%2Fb', '..%2F..%2Fapi%2Fusers',
  '00000000-0000-0000-0000-000000000000', 'DE--0', 'DE--99999999999999999999', 'x'.repeat(5000),
];
/** Percent-encodes the UTF-8 of a string (lone surrogates become U+FFFD, as any client would send them). */
const encode = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
const QUERY_KEYS = ['include', 'page[offset]', 'page[limit]', 'page', 'q', 'status', 'groupId', 'locale', 'createdFrom', 'createdTo', 'sort', 'direction', 'limit', 'after', 'fields[customers]', 'token'];

interface Fixture {
  storefront: string;
  backoffice: string;
  shopper: Shopper;
  addressUuid: string;
  staffToken: string;
  staffId: string;
  groupId: string;
  noteId: string;
  jwtSecret: string;
}

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (header: object, payload: object, secret: string) => {
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
};

const tokenKinds = ['valid', 'none', 'empty', 'garbage', 'forged', 'expired', 'alg-none', 'tampered', 'other-api', 'basic', 'huge'] as const;
type TokenKind = (typeof tokenKinds)[number];

const authorization = (f: Fixture, e: Endpoint, kind: TokenKind): string | undefined => {
  const valid = e.api === 'storefront' ? f.shopper.accessToken : f.staffToken;
  const now = Math.floor(Date.now() / 1000);
  const claims = e.api === 'storefront'
    ? { customer_reference: f.shopper.reference, tv: 0, sub: f.shopper.reference, aud: 'patron-storefront', iss: 'patron' }
    : { tv: 0, sub: f.staffId, aud: 'patron-backoffice', iss: 'patron' };
  switch (kind) {
    case 'valid': return e.endsSession ? 'Bearer not-a-token' : `Bearer ${valid}`;
    case 'none': return undefined;
    case 'empty': return 'Bearer ';
    case 'garbage': return 'Bearer a.b.c';
    case 'forged': return `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now, exp: now + 3600 }, 'not-the-secret')}`;
    case 'expired': return `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 7200, exp: now - 3600 }, f.jwtSecret)}`;
    case 'alg-none': return `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, iat: now, exp: now + 3600 })}.`;
    case 'tampered': {
      const [h, , s] = valid.split('.');
      return `Bearer ${h}.${b64url({ ...claims, sub: 'DE--1', customer_reference: 'DE--1', iat: now, exp: now + 3600 })}.${s}`;
    }
    case 'other-api': return `Bearer ${e.api === 'storefront' ? f.staffToken : f.shopper.accessToken}`;
    case 'basic': return 'Basic YWRtaW46YWRtaW4=';
    case 'huge': return `Bearer ${'a'.repeat(16_000)}`;
  }
};

/** Everything that decides one request; the fixture turns it into bytes. */
const requestSpec = fc.record({
  endpoint: fc.constantFrom(...ENDPOINTS),
  otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), { freq: 8 }),
  params: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant('real') }, { weight: 3, arbitrary: fc.constantFrom(...ODD_PARAMS) }, { weight: 2, arbitrary: stringValue.map(encode) }), { minLength: 2, maxLength: 2 }),
  query: fc.option(fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.constantFrom(...ODD_PARAMS), stringValue.map(encode))), { minLength: 1, maxLength: 4 }), { freq: 3 }),
  token: fc.oneof({ weight: 6, arbitrary: fc.constant<TokenKind>('valid') }, { weight: 5, arbitrary: fc.constantFrom(...tokenKinds) }),
  contentType: fc.oneof({ weight: 4, arbitrary: fc.constant('application/vnd.api+json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
  body,
});
type RequestSpec = typeof requestSpec extends fc.Arbitrary<infer T> ? T : never;

const realParam = (f: Fixture, name: string): string =>
  ({ reference: f.shopper.reference, uuid: f.addressUuid, id: name === 'id' ? f.groupId : '', orderReference: 'ORD-1', token: f.shopper.refreshToken })[name] ?? 'x';

const build = (f: Fixture, s: RequestSpec): RawRequest & { api: Api; route: string } => {
  const e = s.endpoint;
  let n = 0;
  const path = e.path.replace(/:(\w+)/g, (_, name: string) => {
    const p = s.params[n++ % s.params.length];
    if (p !== 'real') return p;
    if (name === 'id' && e.path.startsWith('/api/notes')) return f.noteId;
    if (name === 'id' && e.path.startsWith('/api/users')) return f.staffId;
    return encodeURIComponent(realParam(f, name));
  });
  const query = s.query ? `?${s.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : '';
  const method = s.otherMethod ?? e.method;
  const auth = authorization(f, e, s.token);
  return {
    api: e.api,
    route: `${e.method} ${e.path}`,
    method,
    path: path + query,
    headers: { ...(s.contentType ? { 'Content-Type': s.contentType } : {}), ...(auth ? { Authorization: auth } : {}) },
    body: method === 'GET' || method === 'HEAD' ? undefined : s.body,
    timeoutMs: 30_000,
  };
};

/** The back office's error shape: `{ statusCode, error, message, errors?: [{ field, message }] }`. */
const isBackofficeError = (body: unknown, status: number): boolean => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { statusCode, error, message, errors, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length || statusCode !== status || typeof error !== 'string' || typeof message !== 'string' || !message) return false;
  return errors === undefined || (Array.isArray(errors) && errors.every((e) => typeof e === 'object' && e !== null && typeof e.field === 'string' && typeof e.message === 'string'));
};

/** What is wrong with an answer, or undefined. */
const defectOf = (api: Api, path: string, method: string, r: RawResponse): string | undefined => {
  if (r.status >= 500) return `status ${r.status}`;
  if (r.status < 400 || method === 'HEAD') return undefined;
  const leak = leaks(r.text);
  if (leak) return `leaks ${leak}`;
  if (api === 'storefront') return isGlueError(r.json, r.status) ? undefined : 'not in the Glue error shape';
  // The console's pages and assets are outside /api and answer in HTML.
  if (!path.startsWith('/api')) return undefined;
  return isBackofficeError(r.json, r.status) ? undefined : 'not in the back-office error shape';
};

describe(`Fuzzing every endpoint (FUZZ_SEED=${SEED})`, () => {
  let stack: TestStack;
  let agent: Agent;
  let fixture: Fixture;

  beforeAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`fuzz: FUZZ_SEED=${SEED}, ${RUNS} requests (replay with FUZZ_SEED=${SEED} npm run test:reliability -- fuzz)`);
    stack = await startStack({ worker: false, backoffice: true, env: { LOGIN_FAILURE_LIMIT: '1000000', FORGOTTEN_PASSWORD_LIMIT_PER_IP: '1000000' } });
    const storefront = await listen(stack.app);
    const backoffice = await listen(stack.backoffice!);
    agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const shopper = await registerShopper(stack, { phone: '+49 30 1234' });
    const address = await stack.app.get(AddressFacade).create(shopper.reference, {
      firstName: 'Ada', lastName: 'Lovelace', address1: 'Street', address2: '1', zipCode: '10115', city: 'Berlin', iso2Code: 'DE',
    });
    const staff = await stack.app.get(UserFacade).create({ email: 'fuzz-admin@shop.test', name: 'Admin', role: 'admin', password: STAFF_PASSWORD });
    const login = await stack.backofficeHttp().post('/api/auth/login').send({ email: 'fuzz-admin@shop.test', password: STAFF_PASSWORD });
    const staffToken = login.body.accessToken as string;
    const group = await stack.backofficeHttp().post('/api/customer-groups').set('Authorization', `Bearer ${staffToken}`).send({ name: 'Fuzz group' });
    const note = await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set('Authorization', `Bearer ${staffToken}`).send({ text: 'Fuzz note' });
    expect([group.status, note.status]).toEqual([201, 201]);
    fixture = {
      storefront, backoffice, shopper, addressUuid: address.uuid, staffToken, staffId: String(staff.id), groupId: String(group.body.id), noteId: String(note.body.id),
      jwtSecret: stack.env.JWT_SECRET,
    };
  });
  afterAll(async () => {
    agent?.destroy();
    await stack?.close();
  });

  it(`answers ${RUNS} generated requests without a 5xx, a leak or an error outside the contract's shape`, async () => {
    const specs = fc.sample(requestSpec, { seed: SEED, numRuns: RUNS });
    const defects = new Map<string, string>();
    const statuses = new Map<number, number>();
    await pool(specs.length, 12, async (i) => {
      const r = build(fixture, specs[i]);
      const base = r.api === 'storefront' ? fixture.storefront : fixture.backoffice;
      let response: RawResponse;
      try {
        response = await rawRequest(base, agent, r);
      } catch (error) {
        defects.set(`${r.route}: no answer`, `#${i} ${r.method} ${r.path.slice(0, 200)}: ${(error as Error).message}`);
        return;
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const defect = defectOf(r.api, r.path, r.method, response);
      // One example per route and kind of defect is enough to find it again.
      if (defect && !defects.has(`${r.route}: ${defect}`)) {
        defects.set(`${r.route}: ${defect}`, `#${i} ${r.method} ${r.path.slice(0, 200)} ${String(r.headers?.['Content-Type'])} body=${String(r.body).slice(0, 200)} -> ${response.status} ${response.text.slice(0, 300)}`);
      }
    });
    // eslint-disable-next-line no-console
    console.log(`fuzz: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    expect([...defects].map(([k, v]) => `${k}\n    ${v}`)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
  });
});
