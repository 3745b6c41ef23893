import { JwtService } from '@nestjs/jwt';
import { UserFacade } from '@patron/user';
import { startStack, TestStack } from '../support/stack';
import { registerShopper } from '../../apps/storefront-api/test/storefront.helpers';

const PASSWORD = 'Staff-Password-9!';

describe('queue dashboard at /admin/queues (bull-board, back office)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true });
    const users = stack.app.get(UserFacade);
    await users.create({ email: 'admin@shop.test', name: 'Ada Admin', role: 'admin', password: PASSWORD });
    await users.create({ email: 'agent@shop.test', name: 'Alan Agent', role: 'agent', password: PASSWORD });
  });
  afterAll(() => stack.close());

  const login = (email: string) => stack.backofficeHttp().post('/api/auth/login').send({ email, password: PASSWORD });
  const dashboard = (path = '') => stack.backofficeHttp().get(`/admin/queues${path}`);

  it('refuses a request without a token (401), an agent (403) and a storefront token (401)', async () => {
    const none = await dashboard();
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'A valid back-office access token is required.' });
    expect((await dashboard('/api/queues')).status).toBe(401);

    const agent = (await login('agent@shop.test')).body.accessToken;
    const forbidden = await dashboard().set('Authorization', `Bearer ${agent}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'This needs the role admin.' });
    expect((await dashboard('/api/queues').set('Authorization', `Bearer ${agent}`)).status).toBe(403);

    const shopper = await registerShopper(stack);
    expect((await dashboard().set('Authorization', `Bearer ${shopper.accessToken}`)).status).toBe(401);
  });

  it('refuses forged, tampered and expired admin tokens', async () => {
    const claims = { sub: '1', name: 'Mallory', role: 'admin' };
    const options = { audience: 'patron-backoffice', issuer: 'patron' };
    const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-0123456789' }).sign(claims, { ...options, expiresIn: 3600 });
    const expired = new JwtService({ secret: stack.env.JWT_SECRET }).sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, options);
    const agent = (await login('agent@shop.test')).body.accessToken as string;
    const [header, , signature] = agent.split('.');
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, aud: 'patron-backoffice', iss: 'patron', exp: 9_999_999_999 })).toString('base64url'), signature].join('.');
    for (const token of [forged, expired, tampered, 'not-a-token']) {
      expect((await dashboard().set('Authorization', `Bearer ${token}`)).status).toBe(401);
    }
  });

  it('shows admins the mail queues, by bearer token', async () => {
    const admin = (await login('admin@shop.test')).body.accessToken;
    const page = await dashboard().set('Authorization', `Bearer ${admin}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const queues = await dashboard('/api/queues').set('Authorization', `Bearer ${admin}`);
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['mail', 'mail-dead-letter']);
  });

  it('lets an admin\'s browser in through a cookie set at login (HttpOnly, SameSite=Strict, dashboard path only), cleared at logout', async () => {
    const admin = await login('admin@shop.test');
    const cookie = (admin.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('patron_staff_token='))!;
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Path=\/admin\/queues(;|$)/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Max-Age=28800/);
    const value = cookie.split(';')[0];
    expect((await dashboard().set('Cookie', value)).status).toBe(200);

    const agent = await login('agent@shop.test');
    const cleared = (agent.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('patron_staff_token='))!;
    expect(cleared).toMatch(/^patron_staff_token=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await dashboard().set('Cookie', `patron_staff_token=${agent.body.accessToken}`)).status).toBe(403);

    const logout = await stack.backofficeHttp().post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect((logout.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^patron_staff_token=; Path=\/admin\/queues; Expires=Thu, 01 Jan 1970/);
  });
});

describe('queue dashboard without Redis', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true, env: { REDIS_URL: '' } });
    await stack.app.get(UserFacade).create({ email: 'admin@shop.test', name: 'Ada Admin', role: 'admin', password: PASSWORD });
  });
  afterAll(() => stack.close());

  it('tells an admin there is no queue (404), and still refuses everyone else', async () => {
    const admin = (await stack.backofficeHttp().post('/api/auth/login').send({ email: 'admin@shop.test', password: PASSWORD })).body.accessToken;
    const missing = await stack.backofficeHttp().get('/admin/queues').set('Authorization', `Bearer ${admin}`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/REDIS_URL is not set/);
    expect((await stack.backofficeHttp().get('/admin/queues')).status).toBe(401);
  });
});
