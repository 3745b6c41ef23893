import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { runWithRequestId } from '@patron/shared-kernel';
import { DispatchedMessage, OutboxDispatcher } from '@patron/outbox';
import { MailConfig } from '../mail.config';
import { MAIL_JOB_OPTIONS } from './mail-queue.dispatcher';
import { MailDelivery } from './mail-delivery';

/**
 * Sends relayed mails in this process, without Redis: same outbox, same delivery, the same attempts and
 * exponential backoff as the queue, dead after the last attempt. Scheduled retries live in memory; after a
 * restart the relay's sweep hands undelivered messages over again.
 */
@Injectable()
export class InProcessMailDispatcher implements OutboxDispatcher, BeforeApplicationShutdown {
  private readonly logger = new Logger(InProcessMailDispatcher.name);
  /** Messages scheduled or being sent, so a repeated hand-over does not send twice at once. */
  private readonly scheduled = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ready: { id: string; requestId: string | null; attempt: number }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly delivery: MailDelivery,
    private readonly config: MailConfig,
    @Inject(MAIL_JOB_OPTIONS) private readonly jobOptions: JobsOptions,
  ) {}

  async dispatch(messages: DispatchedMessage[]): Promise<void> {
    if (this.stopped) throw new Error('mail delivery is shutting down');
    for (const { id, requestId } of messages) {
      if (this.scheduled.has(id)) continue;
      this.scheduled.add(id);
      this.ready.push({ id, requestId: requestId ?? null, attempt: 1 });
    }
    this.pump();
  }

  redispatch(messages: DispatchedMessage[]): Promise<void> {
    return this.dispatch(messages);
  }

  /**
   * Waits for the mails being sent, before the sender and the database close; scheduled retries are dropped (their
   * rows stay relayed and are swept later).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.ready.length = 0;
    await Promise.allSettled([...this.inFlight]);
  }

  private pump(): void {
    while (!this.stopped && this.inFlight.size < this.config.concurrency && this.ready.length > 0) {
      const next = this.ready.shift()!;
      const run = runWithRequestId(next.requestId, () => this.send(next.id, next.requestId, next.attempt)).finally(() => {
        this.inFlight.delete(run);
        this.pump();
      });
      this.inFlight.add(run);
    }
  }

  private async send(id: string, requestId: string | null, attempt: number): Promise<void> {
    try {
      await this.delivery.deliver(id);
      this.scheduled.delete(id);
    } catch (error) {
      const attempts = this.jobOptions.attempts ?? 1;
      const final = this.delivery.isPermanent(error) || attempt >= attempts;
      await this.delivery.recordFailure(id, error as Error, final).catch((e: Error) =>
        this.logger.error(`Could not record the failure of mail ${id}: ${e.message}`),
      );
      if (final) {
        this.scheduled.delete(id);
        this.logger.error(`Mail ${id} is dead after ${attempt} attempt(s): ${(error as Error).message}`);
        return;
      }
      this.logger.warn(`Mail ${id} failed, attempt ${attempt} of ${attempts}: ${(error as Error).message}`);
      this.retryLater(id, requestId, attempt + 1);
    }
  }

  private retryLater(id: string, requestId: string | null, attempt: number): void {
    const backoff = this.jobOptions.backoff;
    const base = typeof backoff === 'number' ? backoff : (backoff?.delay ?? 5_000);
    const exponential = typeof backoff === 'object' && backoff?.type === 'exponential';
    const delay = exponential ? base * 2 ** (attempt - 2) : base;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push({ id, requestId, attempt });
      this.pump();
    }, delay);
    this.timers.add(timer);
  }
}
