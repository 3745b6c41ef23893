import { EntityManager } from '@mikro-orm/postgresql';
import { LastEnabledAdminError, UserAuthenticationFailedError, UserFacade, UserNotFoundError, UserSelfLockoutError } from '@patron/user';
import { PasswordPolicyViolationError } from '@patron/password';
import { CoreContext, startCoreContext } from '../../../test/support/core-context';

const PASSWORD = 'Staff-Password-9!';

describe('UserFacade: managing back-office users', () => {
  let context: CoreContext;
  let users: UserFacade;
  let emails = 0;
  const newUser = (role: 'admin' | 'agent', name = 'Someone') => users.create({ email: `user${++emails}@shop.test`, name, role, password: PASSWORD });
  const sql = (query: string, params: unknown[] = []) => context.app.get(EntityManager).getConnection().execute(query, params);

  beforeAll(async () => {
    context = await startCoreContext();
    users = context.app.get(UserFacade);
  });
  afterAll(() => context.close());
  // Each test starts without users, so "the last enabled admin" means what the test sets up.
  beforeEach(() => sql('delete from backoffice_user'));

  describe('list', () => {
    it('lists every user by email, disabled ones included, without password hash or token version', async () => {
      const b = await users.create({ email: 'b@shop.test', name: 'B', role: 'admin', password: PASSWORD });
      const a = await users.create({ email: 'A@shop.test', name: 'A', role: 'agent', password: PASSWORD });
      await users.update(a.id, { disabled: true });
      const list = await users.list();
      expect(list.map((u) => [u.email, u.role, u.disabled])).toEqual([['A@shop.test', 'agent', true], ['b@shop.test', 'admin', false]]);
      expect(list[0].disabledAt).toBeInstanceOf(Date);
      expect(Object.keys(list[1]).sort()).toEqual(['createdAt', 'disabled', 'disabledAt', 'email', 'id', 'name', 'role', 'updatedAt']);
      expect(b.id).toBe(list[1].id);
    });
  });

  describe('update', () => {
    it('renames and changes the role; the token stays valid and shows the new role', async () => {
      await newUser('admin');
      const agent = await newUser('agent', 'Alan');
      const { tokenVersion } = await users.authenticate(agent.email, PASSWORD);
      const changed = await users.update(agent.id, { name: '  Alan Turing ', role: 'admin' });
      expect(changed).toMatchObject({ name: 'Alan Turing', role: 'admin', disabled: false });
      expect(await users.findSignedIn(agent.id, tokenVersion)).toEqual({ id: agent.id, name: 'Alan Turing', role: 'admin' });
    });

    it('disabling ends every session and refuses the login like a wrong password; enabling lets new logins in only', async () => {
      await newUser('admin');
      const agent = await newUser('agent');
      const { tokenVersion } = await users.authenticate(agent.email, PASSWORD);
      await users.update(agent.id, { disabled: true });
      expect(await users.findSignedIn(agent.id, tokenVersion)).toBeNull();
      const disabled = await users.authenticate(agent.email, PASSWORD).catch((e: unknown) => e);
      const wrong = await users.authenticate(agent.email, 'Wrong-Password-9!').catch((e: unknown) => e);
      expect(disabled).toBeInstanceOf(UserAuthenticationFailedError);
      expect((disabled as Error).message).toBe((wrong as Error).message);

      await users.update(agent.id, { disabled: false });
      expect(await users.findSignedIn(agent.id, tokenVersion)).toBeNull();
      const again = await users.authenticate(agent.email, PASSWORD);
      expect(again.tokenVersion).toBe(tokenVersion + 1);
      expect(await users.findSignedIn(agent.id, again.tokenVersion)).toMatchObject({ role: 'agent' });
    });

    it('keeps the last enabled admin: neither demoted nor disabled, by anyone', async () => {
      const admin = await newUser('admin');
      const disabledAdmin = await newUser('admin');
      const other = await newUser('admin');
      await users.update(disabledAdmin.id, { disabled: true }, other.id);
      await users.update(other.id, { role: 'agent' }, admin.id);
      // `admin` is the only enabled admin now (a disabled admin does not count).
      await expect(users.update(admin.id, { role: 'agent' })).rejects.toMatchObject({ constructor: LastEnabledAdminError, details: { field: 'role' } });
      await expect(users.update(admin.id, { disabled: true })).rejects.toMatchObject({ constructor: LastEnabledAdminError, details: { field: 'disabled' } });
      await expect(users.update(admin.id, { role: 'agent' }, admin.id)).rejects.toBeInstanceOf(LastEnabledAdminError);
      expect(await users.getById(admin.id)).toMatchObject({ role: 'admin', disabled: false });
      // Re-enabling the disabled admin makes a second one, and then the first may go.
      await users.update(disabledAdmin.id, { disabled: false });
      expect(await users.update(admin.id, { role: 'agent' })).toMatchObject({ role: 'agent' });
    });

    it('lets no one demote or disable themselves, even when other admins are left', async () => {
      const admin = await newUser('admin');
      await newUser('admin');
      await expect(users.update(admin.id, { role: 'agent' }, admin.id)).rejects.toMatchObject({ constructor: UserSelfLockoutError, details: { field: 'role' } });
      await expect(users.update(admin.id, { disabled: true }, admin.id)).rejects.toMatchObject({ constructor: UserSelfLockoutError, details: { field: 'disabled' } });
      expect(await users.update(admin.id, { name: 'Still Me', role: 'admin', disabled: false }, admin.id)).toMatchObject({ name: 'Still Me', role: 'admin' });
    });

    it('leaves one admin when two admins demote each other at the same time', async () => {
      for (let round = 0; round < 5; round++) {
        await sql('delete from backoffice_user');
        const a = await newUser('admin');
        const b = await newUser('admin');
        const results = await Promise.allSettled([users.update(a.id, { role: 'agent' }, b.id), users.update(b.id, { role: 'agent' }, a.id)]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(LastEnabledAdminError);
        expect(await sql(`select count(*)::int as n from backoffice_user where role = 'admin' and disabled_at is null`)).toEqual([{ n: 1 }]);
      }
    });

    it('refuses an unknown user', async () => {
      await expect(users.update(999_999, { role: 'agent' })).rejects.toBeInstanceOf(UserNotFoundError);
    });
  });

  describe('setPassword', () => {
    it('sets a new password under the policies and ends every session', async () => {
      const agent = await newUser('agent');
      const { tokenVersion } = await users.authenticate(agent.email, PASSWORD);
      await expect(users.setPassword(agent.id, 'short')).rejects.toBeInstanceOf(PasswordPolicyViolationError);
      expect(await users.findSignedIn(agent.id, tokenVersion)).not.toBeNull();
      await users.setPassword(agent.id, 'Another-Password-7?');
      expect(await users.findSignedIn(agent.id, tokenVersion)).toBeNull();
      await expect(users.authenticate(agent.email, PASSWORD)).rejects.toBeInstanceOf(UserAuthenticationFailedError);
      expect((await users.authenticate(agent.email, 'Another-Password-7?')).tokenVersion).toBe(tokenVersion + 1);
      await expect(users.setPassword(999_999, 'Another-Password-7?')).rejects.toBeInstanceOf(UserNotFoundError);
    });
  });

  describe('findByEmail', () => {
    it('finds a user by email ignoring case, or null', async () => {
      const agent = await users.create({ email: 'Case@Shop.test', name: 'C', role: 'agent', password: PASSWORD });
      expect((await users.findByEmail(' case@shop.TEST '))?.id).toBe(agent.id);
      expect(await users.findByEmail('nobody@shop.test')).toBeNull();
    });
  });
});
