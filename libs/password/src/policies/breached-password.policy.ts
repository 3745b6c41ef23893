import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PasswordConfig } from '../password.config';
import { PasswordPolicy, PasswordRule } from '../extension/password-policy';

/**
 * Asks a k-anonymity range API whether the password appeared in a breach: sends the first 5 hex characters of its
 * SHA-1 (`GET {breachCheckUrl}{prefix}`) and looks for the rest in the `SUFFIX:COUNT` lines of the answer. When the
 * API is slow or down the password passes (fail open) and a warning is logged.
 */
@Injectable()
export class BreachedPasswordPolicy implements PasswordPolicy {
  private readonly logger = new Logger(BreachedPasswordPolicy.name);

  constructor(private readonly config: PasswordConfig) {}

  async check(password: string): Promise<PasswordRule | null> {
    if (!this.config.breachCheckUrl) return null;
    const sha1 = createHash('sha1').update(password).digest('hex').toUpperCase();
    const prefix = sha1.slice(0, 5);
    const suffix = sha1.slice(5);
    try {
      const response = await fetch(`${this.config.breachCheckUrl}${prefix}`, {
        signal: AbortSignal.timeout(this.config.breachCheckTimeoutMs),
        headers: { 'Add-Padding': 'true' },
      });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      const body = await response.text();
      const breached = body.split(/\r?\n/).some((line) => {
        const [candidate, count] = line.trim().split(':');
        return candidate?.toUpperCase() === suffix && Number(count) > 0;
      });
      return breached ? 'common-password' : null;
    } catch (error) {
      this.logger.warn(`Breached-password check skipped (${(error as Error).message}); the password was not checked online`);
      return null;
    }
  }
}
