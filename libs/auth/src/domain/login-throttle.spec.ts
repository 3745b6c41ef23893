import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  const limits = { loginFailureLimit: 3, loginFailureWindowSeconds: 900, loginBlockSeconds: 360 };

  it('refuses the attempt after the limit', async () => {
    const throttle = new LoginThrottle(limits, null);
    for (let i = 0; i < 3; i++) expect(await throttle.admit('10.0.0.1', 'ada@example.com')).toBeNull();
    expect(await throttle.admit('10.0.0.1', 'ada@example.com')).toBe(6);
  });

  it('does not count attempts that were refunded because they never reached the password check', async () => {
    const throttle = new LoginThrottle(limits, null);
    for (let i = 0; i < 10; i++) {
      expect(await throttle.admit('10.0.0.1', 'ada@example.com')).toBeNull();
      await throttle.refund('10.0.0.1', 'ada@example.com');
    }
  });
});
