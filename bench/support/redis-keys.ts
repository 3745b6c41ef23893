import Redis from 'ioredis';
import { redisOptions } from '@patron/config';

/** Deletes every Redis key under a benchmark run's prefix (queues, throttles), nothing else. */
export const deleteRedisKeys = async (url: string, prefix: string): Promise<void> => {
  const redis = new Redis(redisOptions(url));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
};
