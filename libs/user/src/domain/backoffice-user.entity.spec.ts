import { BackofficeUser } from './backoffice-user.entity';

const user = () => Object.assign(new BackofficeUser(), { role: 'admin', name: 'Ada', passwordHash: 'old', createdAt: new Date(0), updatedAt: new Date(0) });
const now = new Date('2026-12-06T10:00:00Z');

describe('BackofficeUser', () => {
  it('ends every session when disabled, and does not bring them back when enabled', () => {
    const u = user();
    u.disable(now);
    expect([u.disabledAt, u.tokenVersion, u.isEnabledAdmin]).toEqual([now, 2, false]);
    u.disable(new Date());
    expect([u.disabledAt, u.tokenVersion]).toEqual([now, 2]);
    u.enable(now);
    expect([u.disabledAt, u.tokenVersion, u.isEnabledAdmin]).toEqual([null, 2, true]);
  });

  it('ends every session with a new password', () => {
    const u = user();
    u.setPasswordHash('new', now);
    expect([u.passwordHash, u.tokenVersion, u.updatedAt]).toEqual(['new', 2, now]);
  });

  it('keeps the sessions on a role change (the role is read from the user on every request)', () => {
    const u = user();
    u.changeRole('agent', now);
    expect([u.role, u.tokenVersion, u.updatedAt, u.isEnabledAdmin]).toEqual(['agent', 1, now, false]);
    u.rename('  Ada L. ', now);
    expect(u.name).toBe('Ada L.');
  });
});
