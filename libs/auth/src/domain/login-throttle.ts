import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from '@patron/shared-kernel';

export const LOGIN_THROTTLE_REDIS = Symbol('auth.login-throttle-redis');

export interface LoginThrottleRedis {
  options: RedisOptions;
  keyPrefix: string;
}

export interface LoginThrottleLimits {
  loginFailureLimit: number;
  loginFailureWindowSeconds: number;
  loginBlockSeconds: number;
}

/**
 * Login-attempt counters per client IP + username as typed (ignoring case and surrounding spaces, as the account
 * lookup does, so `Ada@Example.com ` is the same pair as `ada@example.com`), shared by every API process through
 * Redis (in memory when there is no Redis, or while it is unreachable). After `loginFailureLimit` failures within
 * the window the pair is blocked for `loginBlockSeconds`.
 *
 * An attempt is counted atomically before the password is checked (`admit`), so requests sent at the same moment
 * cannot all pass a check made before any of them failed; a successful login clears the pair (`reset`).
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly limiter: RateLimiterAbstract;
  private readonly redis?: Redis;

  /** `name` separates the counters of different logins (storefront customers, back-office users). */
  constructor(private readonly config: LoginThrottleLimits, redis: LoginThrottleRedis | null, name = 'login-failures') {
    const options = { points: config.loginFailureLimit, duration: config.loginFailureWindowSeconds, keyPrefix: name };
    if (!redis) {
      this.limiter = new RateLimiterMemory(options);
      return;
    }
    this.redis = new Redis({ ...redis.options, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.redis.on('error', (error) => this.logger.warn(`Login throttle store unavailable, counting in memory: ${error.message}`));
    this.limiter = new RateLimiterRedis({
      ...options,
      keyPrefix: `${redis.keyPrefix}:${name}`,
      storeClient: this.redis,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  /**
   * Counts a login attempt of the pair before its password is checked. Returns the minutes to announce when the
   * pair is blocked (the attempt must be refused without checking the password), or null when it may try.
   */
  async admit(clientIp: string, username: string): Promise<number | null> {
    try {
      const state = await this.limiter.penalty(this.key(clientIp, username), 1);
      return state.consumedPoints > this.config.loginFailureLimit ? this.blockMinutes() : null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return this.blockMinutes();
      this.logger.warn(`Could not count a login attempt: ${(error as Error).message}`);
      return null;
    }
  }

  /** A failed attempt (already counted by `admit`): the failure that reaches the limit blocks the pair. */
  async recordFailure(clientIp: string, username: string): Promise<void> {
    const key = this.key(clientIp, username);
    try {
      const state = await this.limiter.get(key);
      if (state && state.consumedPoints >= this.config.loginFailureLimit) await this.limiter.block(key, this.config.loginBlockSeconds);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) this.logger.warn(`Could not block after a failed login: ${(error as Error).message}`);
    }
  }

  /** An attempt that never reached the password check (e.g. the database was unavailable) does not count. */
  async refund(clientIp: string, username: string): Promise<void> {
    await this.limiter.reward(this.key(clientIp, username), 1).catch(() => undefined);
  }

  /** A successful login clears the pair's failures. */
  async reset(clientIp: string, username: string): Promise<void> {
    await this.limiter.delete(this.key(clientIp, username)).catch(() => undefined);
  }

  /** At the very end of shutdown: requests still being answered use the connection until then. */
  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  private blockMinutes(): number {
    return Math.ceil(this.config.loginBlockSeconds / 60);
  }

  private key(clientIp: string, username: string): string {
    return `${clientIp}|${username.trim().toLowerCase()}`;
  }
}
