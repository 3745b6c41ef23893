import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from '@patron/shared-kernel';

export interface IpThrottleOptions {
  name: string;
  /** Requests allowed per window; 0: no limit. */
  points: number;
  durationSeconds: number;
  /** Shared counters across API processes; in memory without it (or while Redis is unreachable). */
  redis?: { options: RedisOptions; keyPrefix: string };
}

/** Requests per client IP within a window, for endpoints that send mail. */
@Injectable()
export class IpThrottle implements OnApplicationShutdown {
  private readonly logger = new Logger(IpThrottle.name);
  private readonly limiter: RateLimiterAbstract | null = null;
  private readonly redis?: Redis;

  constructor(private readonly options: IpThrottleOptions) {
    if (options.points === 0) return;
    const limits = { points: options.points, duration: options.durationSeconds, keyPrefix: options.name };
    if (!options.redis) {
      this.limiter = new RateLimiterMemory(limits);
      return;
    }
    this.redis = new Redis({ ...options.redis.options, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', (error) => this.logger.warn(`Throttle store unavailable, counting in memory: ${error.message}`));
    this.limiter = new RateLimiterRedis({
      ...limits,
      keyPrefix: `${options.redis.keyPrefix}:${options.name}`,
      storeClient: this.redis,
      insuranceLimiter: new RateLimiterMemory(limits),
    });
  }

  /** Counts a request; returns the minutes to wait when the IP is over its limit, else null. */
  async consume(clientIp: string): Promise<number | null> {
    if (!this.limiter) return null;
    try {
      await this.limiter.consume(clientIp);
      return null;
    } catch (result) {
      if (result instanceof RateLimiterRes) return Math.max(1, Math.ceil(result.msBeforeNext / 60_000));
      this.logger.warn(`Throttle failed open: ${(result as Error).message}`);
      return null;
    }
  }

  /** At the very end of shutdown: requests still being answered use the connection until then. */
  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

/** Shared by the endpoints that send mail to an address given by the caller (password reset, confirmation resend). */
export const MAIL_REQUEST_THROTTLE = Symbol('storefront.mail-request-throttle');
