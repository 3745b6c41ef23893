import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { PasswordConfig } from '../src/password.config';
import { BreachedPasswordPolicy } from '../src/policies/breached-password.policy';
import { startRangeApi } from '../../../test/support/range-api';

describe('BreachedPasswordPolicy', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('is off by default and asks nothing', async () => {
    await expect(new BreachedPasswordPolicy(new PasswordConfig()).check('Breached-Horse7!')).resolves.toBeNull();
  });

  it('refuses a breached password, sending only the first 5 hex characters of its SHA-1', async () => {
    const api = await startRangeApi(['Breached-Horse7!']);
    try {
      const policy = new BreachedPasswordPolicy(PasswordConfig.from({ breachCheckUrl: api.url }));
      await expect(policy.check('Breached-Horse7!')).resolves.toBe('common-password');
      await expect(policy.check('Unbreached-Horse7!')).resolves.toBeNull();
      expect(api.paths).toHaveLength(2);
      for (const path of api.paths) expect(path).toMatch(/^\/range\/[0-9A-F]{5}$/);
      const sha1 = createHash('sha1').update('Breached-Horse7!').digest('hex').toUpperCase();
      expect(api.paths[0]).toBe(`/range/${sha1.slice(0, 5)}`);
    } finally {
      await api.close();
    }
  });

  it('fails open when the API is slow or broken', async () => {
    const slow = await startRangeApi(['Breached-Horse7!'], 500);
    const broken = await startRangeApi(['Breached-Horse7!'], 0, 503);
    try {
      await expect(new BreachedPasswordPolicy(PasswordConfig.from({ breachCheckUrl: slow.url, breachCheckTimeoutMs: 100 })).check('Breached-Horse7!')).resolves.toBeNull();
      await expect(new BreachedPasswordPolicy(PasswordConfig.from({ breachCheckUrl: broken.url })).check('Breached-Horse7!')).resolves.toBeNull();
      await expect(new BreachedPasswordPolicy(PasswordConfig.from({ breachCheckUrl: 'http://127.0.0.1:1/range/' })).check('Breached-Horse7!')).resolves.toBeNull();
    } finally {
      await slow.close();
      await broken.close();
    }
  });
});
