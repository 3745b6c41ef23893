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
  private queue: Queue | null;

  constructor(@Optional() @Inject(OPS_MAIL_QUEUE) private readonly options: MailQueueConnection | null) {
    this.queue = options ? this.open(options) : null;
  }

  get enabled(): boolean {
    return this.queue !== null;
  }

  /** Resolves when Redis answers a queue command; throws when it cannot be reached. */
  async ping(): Promise<void> {
    if (this.queue) await this.ask((queue) => queue.getJobCounts('waiting'));
  }

  /** Jobs by state (waiting, active, delayed, failed), or null without a queue. */
  async depth(): Promise<Record<string, number> | null> {
    return this.queue ? this.ask((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'failed')) : null;
  }

  private open(options: MailQueueConnection): Queue {
    const queue = new Queue(MAIL_QUEUE, {
      connection: { ...options.connection, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true } as ConnectionOptions,
      prefix: options.prefix,
    });
    queue.on('error', () => undefined); // readiness reports it
    return queue;
  }

  /**
   * A queue whose first connection failed keeps failing after Redis is back: after a failure, the next question
   * goes to a new queue.
   */
  private async ask<T>(question: (queue: Queue) => Promise<T>): Promise<T> {
    const queue = this.queue!;
    try {
      return await question(queue);
    } catch (error) {
      if (this.queue === queue && this.options) {
        this.queue = this.open(this.options);
        void queue.close().catch(() => undefined);
      }
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
  }
}
