import { UserFacade } from '@patron/user';
import { runCli } from '../../../test/support/cli';
import { createTestDatabase } from '../../../test/support/database';
import { startStack, TestStack } from '../../../test/support/stack';
import { registerShopper } from '../../storefront-api/test/storefront.helpers';

const PASSWORD = 'Staff-Password-9!';

describe('back-office users, login and roles', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true, env: { TRUST_PROXY: 'true' } });
    const users = stack.app.get(UserFacade);
    await users.create({ email: 'Admin@Shop.test', name: 'Ada Admin', role: 'admin', password: PASSWORD });
    await users.create({ email: 'agent@shop.test', name: 'Alan Agent', role: 'agent', password: PASSWORD });
  });
  afterAll(() => stack.close());

  const login = (email: string, password = PASSWORD, ip = '203.0.113.1') =>
    stack.backofficeHttp().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  const tokenOf = async (email: string) => (await login(email)).body.accessToken as string;

  it('answers the API with Cache-Control: no-store', async () => {
    const response = await login('admin@shop.test');
    expect(response.headers['cache-control']).toBe('no-store');
    expect((await stack.backofficeHttp().get('/api/customers').set('Authorization', `Bearer ${response.body.accessToken}`)).headers['cache-control']).toBe('no-store');
  });

  it('logs a user in (email ignoring case) with a back-office JWT', async () => {
    const response = await login('admin@shop.test');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 28800, user: { email: 'Admin@Shop.test', name: 'Ada Admin', role: 'admin' } });
    const me = await stack.backofficeHttp().get('/api/auth/me').set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.body).toEqual({ userId: response.body.user.id, name: 'Ada Admin', role: 'admin' });
  });

  it('refuses wrong passwords and unknown emails alike, and missing fields by name', async () => {
    const wrong = await login('admin@shop.test', 'Wrong-Password-9!');
    const unknown = await login('nobody@shop.test');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    const missing = await stack.backofficeHttp().post('/api/auth/login').send({});
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('keeps storefront and back-office tokens apart', async () => {
    const shopper = await registerShopper(stack);
    const staffToken = await tokenOf('admin@shop.test');
    expect((await stack.backofficeHttp().get('/api/auth/me').set('Authorization', `Bearer ${shopper.accessToken}`)).status).toBe(401);
    expect((await stack.http().get('/customers').set('Authorization', `Bearer ${staffToken}`)).status).toBe(401);
    expect((await stack.backofficeHttp().get('/api/customer-access')).status).toBe(401);
  });

  it('lets agents read settings and only admins change them', async () => {
    const agent = await tokenOf('agent@shop.test');
    const admin = await tokenOf('admin@shop.test');
    const read = await stack.backofficeHttp().get('/api/customer-access').set('Authorization', `Bearer ${agent}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toHaveLength(5);
    const denied = await stack.backofficeHttp().put('/api/customer-access').set('Authorization', `Bearer ${agent}`).send({ price: true });
    expect(denied.status).toBe(403);
    const invalid = await stack.backofficeHttp().put('/api/customer-access').set('Authorization', `Bearer ${admin}`).send({ price: 'yes' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([{ field: 'price', message: 'must be a boolean' }]);
    const changed = await stack.backofficeHttp().put('/api/customer-access').set('Authorization', `Bearer ${admin}`).send({ price: true });
    expect(changed.status).toBe(200);
    expect((await stack.http().get('/customer-access')).body.data[0].attributes.resourceTypes).toEqual(
      expect.arrayContaining(['abstract-product-prices', 'wishlists']),
    );
    await stack.backofficeHttp().put('/api/customer-access').set('Authorization', `Bearer ${admin}`).send({ price: false });
  });

  it('describes the API in an OpenAPI document at /api/docs', async () => {
    const json = await stack.backofficeHttp().get('/api/docs.json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/customers', '/api/customer-groups', '/api/customers/{reference}/notes']));
    const create = json.body.paths['/api/customers'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName']));
    expect(create.properties.sendPasswordToken).toEqual({ type: 'boolean' });
    const parameters = json.body.paths['/api/customers'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['q', 'status', 'groupId', 'sort', 'after', 'limit']));
    const page = await stack.backofficeHttp().get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
  });

  it('documents exactly the endpoints it serves, with their token, roles and error answers', async () => {
    const { body: document } = await stack.backofficeHttp().get('/api/docs.json');
    type Operation = { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }>; requestBody?: unknown; parameters?: { in: string }[] };
    const documented = Object.entries(document.paths as Record<string, Record<string, Operation>>)
      .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })));
    const layers = (stack.backoffice!.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    const served = layers
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`) : []))
      .filter((route) => / \/api\//.test(route) && !/ \/api\/docs/.test(route));
    expect(documented.map((d) => d.route).filter((route) => / \/api\//.test(route)).sort()).toEqual([...new Set(served)].sort());

    const open = ['POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/status'];
    for (const { route, operation } of documented.filter((d) => / \/api\//.test(d.route))) {
      const codes = Object.keys(operation.responses);
      expect({ route, success: codes.filter((code) => code.startsWith('2')).length }).toEqual({ route, success: 1 });
      expect({ route, security: operation.security ?? [] }).toEqual({ route, security: open.includes(route) ? [] : [{ bearer: [] }] });
      if (!open.includes(route)) expect({ route, codes }).toEqual({ route, codes: expect.arrayContaining(['401']) });
      if (route.includes('{')) expect({ route, codes }).toEqual({ route, codes: expect.arrayContaining(['404']) });
      if (operation.requestBody || operation.parameters?.some((p) => p.in === 'query')) expect({ route, codes }).toEqual({ route, codes: expect.arrayContaining(['422']) });
      if (codes.includes('422')) expect(operation.responses['422'].content!['application/json'].schema).toMatchObject({ properties: { errors: { type: 'array' } } });
    }
    const admins = documented.filter((d) => d.operation.responses['403']).map((d) => d.route);
    expect(admins).toEqual(expect.arrayContaining(['POST /api/customers', 'DELETE /api/customers/{reference}', 'PUT /api/customer-access', 'DELETE /api/customer-groups/{id}/members',
      'GET /api/users', 'GET /api/users/{id}', 'PATCH /api/users/{id}']));
    expect(admins).not.toContain('GET /api/customers');
    expect(admins).not.toContain('GET /api/settings');
    const userChanges = document.paths['/api/users/{id}'].patch.requestBody.content['application/json'].schema;
    expect(userChanges.properties.role).toMatchObject({ enum: ['admin', 'agent'] });
    expect(userChanges.properties.disabled).toEqual({ type: 'boolean' });
    expect(userChanges.additionalProperties).toBe(false);
    expect(admins).not.toContain('POST /api/customers/{reference}/notes');
    expect(Object.keys(document.paths['/api/customers/export.csv'].get.responses['200'].content)).toEqual(['text/csv']);
    expect(document.paths['/dev/mailbox']).toBeUndefined();
  });

  it('gives admins the queue dashboard as an HttpOnly cookie for its path only, and forgets it on logout', async () => {
    const admin = await login('admin@shop.test');
    const [cookie] = admin.headers['set-cookie'] as unknown as string[];
    expect(cookie).toMatch(/^patron_staff_token=[\w.-]+; Max-Age=28800; Path=\/admin\/queues; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const dashboard = await stack.backofficeHttp().get('/admin/queues').set('Cookie', cookie.split(';')[0]);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('<div id="root">');
    expect((await stack.backofficeHttp().get('/admin/queues')).status).toBe(401);

    const agent = await login('agent@shop.test');
    expect(agent.headers['set-cookie']?.[0]).toMatch(/^patron_staff_token=; Path=\/admin\/queues; Expires=Thu, 01 Jan 1970/);
    expect((await stack.backofficeHttp().get('/admin/queues').set('Authorization', `Bearer ${agent.body.accessToken}`)).status).toBe(403);

    const logout = await stack.backofficeHttp().post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers['set-cookie']?.[0]).toMatch(/^patron_staff_token=; Path=\/admin\/queues; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
    // Without a token, nobody's sessions end.
    expect((await stack.backofficeHttp().get('/admin/queues').set('Cookie', cookie.split(';')[0])).status).toBe(200);
  });

  it('ends the session on logout: its bearer token and dashboard cookie stop working, other sessions go on', async () => {
    const first = await login('admin@shop.test');
    const second = await login('admin@shop.test');
    const other = await login('agent@shop.test');
    const [cookie] = first.headers['set-cookie'] as unknown as string[];
    const me = (token: string) => stack.backofficeHttp().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect((await me(first.body.accessToken)).status).toBe(200);

    expect((await stack.backofficeHttp().post('/api/auth/logout').set('Authorization', 'Bearer not-a-token')).status).toBe(204);
    expect((await me(first.body.accessToken)).status).toBe(200);

    const logout = await stack.backofficeHttp().post('/api/auth/logout').set('Authorization', `Bearer ${first.body.accessToken}`);
    expect(logout.status).toBe(204);
    expect((await me(first.body.accessToken)).status).toBe(401);
    expect((await stack.backofficeHttp().get('/admin/queues').set('Cookie', cookie.split(';')[0])).status).toBe(401);
    expect((await me(second.body.accessToken)).status).toBe(200);
    expect((await me(other.body.accessToken)).status).toBe(200);
    expect((await stack.backofficeHttp().post('/api/auth/logout').set('Authorization', `Bearer ${first.body.accessToken}`)).status).toBe(204);
    const rows = await stack.sql<{ user_id: string }>('select user_id from backoffice_signed_out_token');
    expect(rows).toHaveLength(1);
  });

  it('blocks a login pair after 9 failures, like the storefront', async () => {
    for (let i = 0; i < 9; i++) expect((await login('agent@shop.test', 'Wrong-Password-9!', '198.51.100.9')).status).toBe(401);
    const blocked = await login('agent@shop.test', PASSWORD, '198.51.100.9');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('360');
    expect(blocked.body.message).toBe('Too many log in attempts from your address. Please wait 6 minutes before trying again.');
    expect((await login('agent@shop.test', PASSWORD, '198.51.100.10')).status).toBe(200);
  });
});

describe('patron cli users:create', () => {
  it('creates a user with the password from standard input, never from an argument', async () => {
    const db = await createTestDatabase();
    try {
      const env = { DATABASE_URL: db.url, MIGRATE_ON_START: 'true' };
      const created = await runCli(['users:create', '--email', 'ops@shop.test', '--name', 'Ops', '--role', 'admin'], env, 60_000, 'Cli-Password-9!\n');
      expect(created.stderr).toBe('');
      expect(created.stdout).toMatch(/^Created admin ops@shop\.test \(id \d+\)\./);
      const again = await runCli(['users:create', '--email', 'OPS@shop.test', '--name', 'Ops', '--role', 'admin'], env, 60_000, 'Cli-Password-9!\n');
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists');
      const weak = await runCli(['users:create', '--email', 'weak@shop.test', '--name', 'W'], env, 60_000, 'password\n');
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('The password is too short.');
      const badRole = await runCli(['users:create', '--email', 'x@shop.test', '--name', 'X', '--role', 'root'], env, 60_000, 'Cli-Password-9!\n');
      expect(badRole.code).toBe(2);
      for (const name of ['   ', 'N'.repeat(101), 'A\u0001B']) {
        const badName = await runCli(['users:create', '--email', 'n@shop.test', '--name', name], env, 60_000, 'Cli-Password-9!\n');
        expect([badName.code, badName.stderr.trim()]).toEqual([2, '--name must be 1 to 100 characters, without control characters']);
      }
    } finally {
      await db.drop();
    }
  }, 120_000);
});
