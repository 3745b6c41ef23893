import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ConnectionOptions, Queue } from 'bullmq';
import { MAIL_QUEUE } from '@patron/mail';

export const OPS_MAIL_QUEUE = Symbol('ops.mail-queue');

export interface MailQueueConnection {
  connection: ConnectionOptions;
  prefix?: string;
}

/**
 * Looks at the BullMQ `mail` queue (when mail goes through Redis) on a connection of its own that fails fast
 * while Redis is down, for readiness and queue-depth metrics.
 */
@Injectable()
export class MailQueueProbe implements OnApplicationShutdown {
  private readonly queue: Queue | null;

  constructor(@Optional() @Inject(OPS_MAIL_QUEUE) options: MailQueueConnection | null) {
    this.queue = options
      ? new Queue(MAIL_QUEUE, {
          connection: { ...options.connection, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true } as ConnectionOptions,
          prefix: options.prefix,
        })
      : null;
    this.queue?.on('error', () => undefined); // readiness reports it
  }

  get enabled(): boolean {
    return this.queue !== null;
  }

  /** Resolves when Redis answers a queue command; throws when it cannot be reached. */
  async ping(): Promise<void> {
    await this.queue?.getJobCounts('waiting');
  }

  /** Jobs by state (waiting, active, delayed, failed), or null without a queue. */
  async depth(): Promise<Record<string, number> | null> {
    return this.queue ? this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed') : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
  }
}
