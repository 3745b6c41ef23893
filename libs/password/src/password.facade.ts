import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { PASSWORD_HASHER, PasswordHasher } from './extension/password-hasher';
import { PASSWORD_POLICIES, PasswordPolicy } from './extension/password-policy';
import { PasswordPolicyViolationError } from './domain/password.errors';

export interface PasswordVerification {
  valid: boolean;
  /** Set when the password was right but its stored hash is outdated: store this one instead. */
  upgradedHash?: string;
}

@Injectable()
export class PasswordFacade {
  private dummyHash?: Promise<string>;
  /** The slowest recent verification (decaying), so that failures can all take as long as the slowest hash. */
  private slowestVerifyMs = 0;

  constructor(
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(PASSWORD_POLICIES) private readonly policies: PasswordPolicy[],
  ) {}

  /**
   * Checks `password` against every policy in order.
   * @throws PasswordPolicyViolationError naming the first broken rule
   */
  async assertAcceptable(password: string): Promise<void> {
    for (const policy of this.policies) {
      const broken = await policy.check(password);
      if (broken) throw new PasswordPolicyViolationError(broken);
    }
  }

  /**
   * Checks the policies, then hashes the password for storage (off the event loop).
   * @throws PasswordPolicyViolationError
   */
  async hashNewPassword(password: string): Promise<string> {
    await this.assertAcceptable(password);
    return this.hasher.hash(password);
  }

  /** Verifies a password against a stored hash and, when it matches an outdated hash, returns a fresh one. */
  async verify(storedHash: string, password: string): Promise<PasswordVerification> {
    const started = performance.now();
    const valid = await this.hasher.verify(storedHash, password);
    this.observe(performance.now() - started);
    if (!valid || !this.hasher.needsRehash(storedHash, password)) return { valid };
    return { valid, upgradedHash: await this.hasher.hash(password) };
  }

  /** True when `hash` is a stored password hash the configured hasher can check (see `PasswordHasher.canRead`). */
  isReadableHash(hash: string): boolean {
    return this.hasher.canRead?.(hash) ?? true;
  }

  /**
   * Spends the same time as a real verification and always fails: call it when the account does not
   * exist, so response times do not reveal which emails are registered.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
    await this.hasher.verify(await this.dummyHash, password);
    return false;
  }

  /**
   * Waits until a failed check that began at `startedAt` (a `performance.now()` value) has taken as long as the
   * slowest recent verification: a wrong password for a legacy bcrypt account, for an argon2id account and for an
   * unknown email then all take the same time.
   */
  async equalizeFailure(startedAt: number): Promise<void> {
    const wait = this.slowestVerifyMs - (performance.now() - startedAt);
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private observe(ms: number): void {
    this.slowestVerifyMs = Math.max(ms, this.slowestVerifyMs * 0.995);
  }
}
