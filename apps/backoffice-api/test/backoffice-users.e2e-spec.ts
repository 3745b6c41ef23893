import { UserFacade } from '@patron/user';
import { runCli } from '../../../test/support/cli';
import { startStack, TestStack } from '../../../test/support/stack';

const PASSWORD = 'Staff-Password-9!';

describe('back-office user administration', () => {
  let stack: TestStack;
  let users: UserFacade;
  let emails = 0;
  const api = () => stack.backofficeHttp();
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (email: string, password = PASSWORD) => api().post('/api/auth/login').send({ email, password });
  const tokenOf = async (email: string, password = PASSWORD) => {
    const response = await login(email, password);
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  };
  /** A new user and a token of theirs. */
  const staff = async (role: 'admin' | 'agent', name = `${role} ${emails + 1}`) => {
    const user = await users.create({ email: `${role}${++emails}@shop.test`, name, role, password: PASSWORD });
    return { ...user, token: await tokenOf(user.email) };
  };
  let admin: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true });
    users = stack.app.get(UserFacade);
    admin = await staff('admin', 'Ada Admin');
  });
  afterAll(() => stack.close());

  describe('GET /api/users and PATCH /api/users/{id}', () => {
    it('lists the users for admins only, without password hash or token version', async () => {
      const agent = await staff('agent');
      const list = await api().get('/api/users').set(bearer(admin.token));
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual(expect.arrayContaining([
        { id: admin.id, email: admin.email, name: 'Ada Admin', role: 'admin', disabled: false, disabledAt: null, createdAt: expect.any(String), updatedAt: expect.any(String) },
      ]));
      expect(JSON.stringify(list.body)).not.toMatch(/tokenVersion|passwordHash|argon2/);
      expect((await api().get(`/api/users/${agent.id}`).set(bearer(admin.token))).body.data).toMatchObject({ email: agent.email, role: 'agent' });
      expect((await api().get('/api/users').set(bearer(agent.token))).status).toBe(403);
      expect((await api().patch(`/api/users/${agent.id}`).set(bearer(agent.token)).send({ role: 'admin' })).status).toBe(403);
      expect((await api().get('/api/users')).status).toBe(401);
    });

    it('validates the changes, naming each field', async () => {
      const agent = await staff('agent');
      const patch = (body: unknown, id: number | string = agent.id) => api().patch(`/api/users/${id}`).set(bearer(admin.token)).send(body as object);
      const invalid = await patch({ role: 'root', disabled: 'yes', name: '  ' });
      expect(invalid.status).toBe(422);
      expect(invalid.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', message: 'Invalid input' });
      expect(invalid.body.errors).toEqual(expect.arrayContaining([
        { field: 'role', message: 'must be one of admin, agent' },
        { field: 'disabled', message: 'must be a boolean' },
        { field: 'name', message: 'must not be blank' },
      ]));
      expect((await patch({ password: 'New-Password-9!', email: 'x@shop.test' })).body.errors).toEqual([
        { field: 'password', message: 'is not a field this request takes' },
        { field: 'email', message: 'is not a field this request takes' },
      ]);
      expect((await patch({})).body.errors).toEqual([{ field: 'body', message: 'must change at least one of name, role, disabled' }]);
      expect((await patch({ name: 'x'.repeat(101) })).body.errors).toEqual([{ field: 'name', message: 'must be at most 100 characters' }]);
      expect((await patch({ role: 'admin' }, 999999)).status).toBe(404);
      expect((await patch({ role: 'admin' }, 'abc')).status).toBe(404);
      expect((await api().get(`/api/users/${agent.id}`).set(bearer(admin.token))).body.data).toMatchObject({ role: 'agent', disabled: false });
    });

    it("takes a disabled user's access away at once: their token gets 401, their login fails like a wrong password", async () => {
      const agent = await staff('agent');
      expect((await api().get('/api/customers').set(bearer(agent.token))).status).toBe(200);
      const disabled = await api().patch(`/api/users/${agent.id}`).set(bearer(admin.token)).send({ disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body.data).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
      const refused = await api().get('/api/customers').set(bearer(agent.token));
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'A valid back-office access token is required.' });
      const loginDisabled = await login(agent.email);
      const loginWrong = await login(agent.email, 'Wrong-Password-9!');
      expect(loginDisabled.status).toBe(401);
      expect(loginDisabled.body).toEqual(loginWrong.body);

      expect((await api().patch(`/api/users/${agent.id}`).set(bearer(admin.token)).send({ disabled: false })).body.data.disabled).toBe(false);
      expect((await api().get('/api/customers').set(bearer(agent.token))).status).toBe(401);
      expect((await api().get('/api/customers').set(bearer(await tokenOf(agent.email)))).status).toBe(200);
    });

    it("applies a new role at once: a demoted admin's token gets 403 on admin routes, a promoted agent's token is an admin's", async () => {
      const other = await staff('admin', 'Otto Other');
      const agent = await staff('agent');
      expect((await api().get('/api/users').set(bearer(other.token))).status).toBe(200);
      expect((await api().patch(`/api/users/${other.id}`).set(bearer(admin.token)).send({ role: 'agent' })).body.data.role).toBe('agent');
      const denied = await api().get('/api/users').set(bearer(other.token));
      expect(denied.status).toBe(403);
      expect(denied.body.message).toBe('This needs the role admin.');
      expect((await api().put('/api/customer-access').set(bearer(other.token)).send({ price: true })).status).toBe(403);
      expect((await api().get('/api/customers').set(bearer(other.token))).status).toBe(200);
      expect((await api().get('/api/auth/me').set(bearer(other.token))).body).toEqual({ userId: other.id, name: 'Otto Other', role: 'agent' });

      await api().patch(`/api/users/${agent.id}`).set(bearer(admin.token)).send({ role: 'admin', name: 'Agnes Promoted' });
      expect((await api().get('/api/users').set(bearer(agent.token))).status).toBe(200);
      expect((await api().get('/api/auth/me').set(bearer(agent.token))).body).toEqual({ userId: agent.id, name: 'Agnes Promoted', role: 'admin' });
      await api().patch(`/api/users/${agent.id}`).set(bearer(admin.token)).send({ role: 'agent' });
    });

    it('lets no admin disable or demote themselves, and keeps the last enabled admin', async () => {
      const self = (body: object) => api().patch(`/api/users/${admin.id}`).set(bearer(admin.token)).send(body);
      // Other enabled admins exist: demoting or disabling oneself is still refused.
      const second = await staff('admin');
      const demoteSelf = await self({ role: 'agent' });
      expect(demoteSelf.status).toBe(422);
      expect(demoteSelf.body.errors).toEqual([{ field: 'role', message: 'You cannot change your own role; another admin has to.' }]);
      expect((await self({ disabled: true })).body.errors).toEqual([{ field: 'disabled', message: 'You cannot disable your own account; another admin has to.' }]);
      expect((await self({ name: 'Ada A. Admin' })).body.data.name).toBe('Ada A. Admin');

      // Every other admin disabled or demoted: the one left cannot go, whoever asks.
      for (const user of (await api().get('/api/users').set(bearer(admin.token))).body.data as { id: number; role: string; disabled: boolean }[]) {
        if (user.id !== admin.id && user.role === 'admin' && !user.disabled) {
          expect((await api().patch(`/api/users/${user.id}`).set(bearer(admin.token)).send({ disabled: true })).status).toBe(200);
        }
      }
      const last = await self({ role: 'agent' });
      expect(last.status).toBe(422);
      expect(last.body.errors).toEqual([{ field: 'role', message: 'This is the last enabled admin: make another user admin first.' }]);
      expect((await self({ disabled: true })).body.errors).toEqual([{ field: 'disabled', message: 'This is the last enabled admin: make another user admin first.' }]);
      expect((await api().get('/api/users').set(bearer(admin.token))).status).toBe(200);
      await api().patch(`/api/users/${second.id}`).set(bearer(admin.token)).send({ disabled: false });
    });
  });

  describe('the queue dashboard', () => {
    const dashboard = (cookie: string) => api().get('/admin/queues').set('Cookie', cookie);
    const cookieOf = async (email: string, password = PASSWORD) => ((await login(email, password)).headers['set-cookie'] as unknown as string[])[0].split(';')[0];

    it('applies the same checks as the API: a demoted admin gets 403, a disabled one or an old password 401', async () => {
      const demoted = await staff('admin');
      const demotedCookie = await cookieOf(demoted.email);
      expect((await dashboard(demotedCookie)).status).toBe(200);
      await users.update(demoted.id, { role: 'agent' });
      expect((await dashboard(demotedCookie)).status).toBe(403);
      expect((await api().get('/admin/queues').set(bearer(demoted.token))).status).toBe(403);

      const disabled = await staff('admin');
      const disabledCookie = await cookieOf(disabled.email);
      await users.update(disabled.id, { disabled: true });
      expect((await dashboard(disabledCookie)).status).toBe(401);

      const reset = await staff('admin');
      const resetCookie = await cookieOf(reset.email);
      await users.setPassword(reset.id, 'Fresh-Password-8#');
      expect((await dashboard(resetCookie)).status).toBe(401);
      expect((await dashboard(await cookieOf(reset.email, 'Fresh-Password-8#'))).status).toBe(200);
    });
  });

  describe('GET /api/settings', () => {
    it('tells any signed-in user the configured locales', async () => {
      const agent = await staff('agent');
      const settings = await api().get('/api/settings').set(bearer(agent.token));
      expect(settings.status).toBe(200);
      expect(settings.body).toEqual({ data: { locales: ['en_US', 'de_DE'], defaultLocale: 'en_US' } });
      expect((await api().get('/api/settings')).status).toBe(401);
    });
  });

  describe('the users:… commands, in another process on the same database', () => {
    const cli = (args: string[], input?: string) => runCli(args, { DATABASE_URL: stack.env.DATABASE_URL!, MIGRATE_ON_START: 'false' }, 60_000, input);

    it('list users, change roles, disable and enable them and set passwords; tokens follow at once', async () => {
      const agent = await staff('agent', 'Carl Cli');
      const created = await cli(['users:create', '--email', 'cli-admin@shop.test', '--name', 'Cli Admin', '--role', 'admin'], `${PASSWORD}\n`);
      expect(created.stderr).toBe('');
      const cliAdmin = (await users.findByEmail('cli-admin@shop.test'))!;

      const promoted = await cli(['users:set-role', '--email', agent.email.toUpperCase(), '--role', 'admin']);
      expect(promoted.stderr).toBe('');
      expect(promoted).toMatchObject({ code: 0, stdout: `${agent.email} is now admin.\n` });
      expect((await api().get('/api/users').set(bearer(agent.token))).status).toBe(200);

      const disabled = await cli(['users:disable', '--email', agent.email]);
      expect(disabled).toMatchObject({ code: 0, stdout: `Disabled ${agent.email}: their sessions ended and they cannot log in.\n` });
      expect((await api().get('/api/customers').set(bearer(agent.token))).status).toBe(401);
      expect((await login(agent.email)).status).toBe(401);

      const list = await cli(['users:list']);
      expect(list.code).toBe(0);
      const lines = list.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^id +role +status +email +name$/);
      expect(lines).toEqual(expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${agent.id} +admin +disabled +${agent.email.replace('.', '\\.')} +Carl Cli$`)),
        expect.stringMatching(new RegExp(`^${cliAdmin.id} +admin +enabled +cli-admin@shop\\.test +Cli Admin$`)),
      ]));
      expect(list.stdout).not.toMatch(/argon2|token/i);

      const enabled = await cli(['users:enable', '--email', agent.email]);
      expect(enabled).toMatchObject({ code: 0, stdout: `Enabled ${agent.email}: they can log in again.\n` });
      const token = await tokenOf(agent.email);

      const weak = await cli(['users:set-password', '--email', agent.email], 'short\n');
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('The password is too short.');
      expect((await api().get('/api/customers').set(bearer(token))).status).toBe(200);
      const reset = await cli(['users:set-password', '--email', agent.email], 'Brand-New-Password-5!\n');
      expect(reset).toMatchObject({ code: 0, stdout: `New password set for ${agent.email}; their sessions ended.\n` });
      expect((await api().get('/api/customers').set(bearer(token))).status).toBe(401);
      expect((await login(agent.email)).status).toBe(401);
      expect((await login(agent.email, 'Brand-New-Password-5!')).status).toBe(200);
    }, 180_000);

    it('refuse unknown users, bad options and taking away the last enabled admin', async () => {
      const unknown = await cli(['users:disable', '--email', 'nobody@shop.test']);
      expect(unknown).toMatchObject({ code: 1, stderr: 'There is no back-office user with the email nobody@shop.test.\n' });
      expect((await cli(['users:set-role', '--email', admin.email, '--role', 'root'])).code).toBe(2);
      expect((await cli(['users:enable', '--email', 'not-an-email'])).code).toBe(2);
      expect((await cli(['users:set-password'], 'Brand-New-Password-5!\n')).code).toBe(1);

      // Only `admin` stays an enabled admin.
      for (const user of await users.list()) if (user.id !== admin.id && user.role === 'admin') await users.update(user.id, { role: 'agent' });
      const demote = await cli(['users:set-role', '--email', admin.email, '--role', 'agent']);
      expect(demote).toMatchObject({ code: 1, stderr: 'This is the last enabled admin: make another user admin first.\n' });
      expect((await users.getById(admin.id)).role).toBe('admin');
    }, 180_000);
  });
});
