import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConnectionOptions, JobsOptions, Queue } from 'bullmq';
import { DispatchedMessage, OutboxDispatcher } from '@patron/outbox';
import { MAIL_QUEUE, MailJob } from '../mail.queues';

export const MAIL_JOB_OPTIONS = Symbol('mail.job-options');
export const MAIL_PRODUCER = Symbol('mail.producer');

export interface MailProducerOptions {
  connection: ConnectionOptions;
  prefix?: string;
}

/**
 * Puts relayed outbox mails on the BullMQ `mail` queue; job id = outbox id, so a repeated add is ignored.
 * Uses its own connection without an offline queue: while Redis is down, `dispatch` fails at once and the relay
 * leaves the rows pending, instead of piling commands up in memory.
 */
@Injectable()
export class MailQueueDispatcher implements OutboxDispatcher, OnApplicationShutdown {
  private readonly logger = new Logger(MailQueueDispatcher.name);
  private readonly queue: Queue<MailJob>;
  private lastErrorLog = 0;
  private connectionLost = false;
  private readonly reconnectListeners: (() => void)[] = [];

  constructor(@Inject(MAIL_PRODUCER) producer: MailProducerOptions, @Inject(MAIL_JOB_OPTIONS) private readonly jobOptions: JobsOptions) {
    this.queue = new Queue<MailJob>(MAIL_QUEUE, {
      connection: { ...producer.connection, enableOfflineQueue: false, maxRetriesPerRequest: 1 } as ConnectionOptions,
      prefix: producer.prefix,
    });
    this.queue.on('error', (error) => {
      if (Date.now() - this.lastErrorLog < 30_000) return;
      this.lastErrorLog = Date.now();
      this.logger.warn(`Mail queue unavailable: ${error.message}`);
    });
    const backend = this.queue.getBackend();
    backend.on('close', () => (this.connectionLost = true));
    backend.on('ready', () => {
      if (!this.connectionLost) return;
      this.connectionLost = false;
      this.logger.log('Mail queue reachable again');
      for (const listener of this.reconnectListeners) listener();
    });
  }

  /** A Redis that comes back may be empty (restarted without persistence, failed over): the relay checks every job. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async dispatch(messages: DispatchedMessage[]): Promise<void> {
    await this.queue.addBulk(
      messages.map((m) => ({ name: m.type, data: { outboxId: m.id, type: m.type, requestId: m.requestId }, opts: { ...this.jobOptions, jobId: m.id } })),
    );
  }

  /**
   * A job that still exists is left alone while it waits, runs or backs off; a failed one (its failure could not be
   * recorded) is retried; a missing one (Redis lost it) is added again.
   */
  async redispatch(messages: DispatchedMessage[]): Promise<void> {
    const missing: DispatchedMessage[] = [];
    for (const message of messages) {
      const job = await this.queue.getJob(message.id);
      if (!job) missing.push(message);
      else if (await job.isFailed()) await job.retry('failed');
    }
    if (missing.length) await this.dispatch(missing);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
