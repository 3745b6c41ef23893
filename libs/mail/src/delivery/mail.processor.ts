import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnModuleInit } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { maskPersonalData, runWithRequestId } from '@patron/shared-kernel';
import { MailConfig } from '../mail.config';
import { MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE, MailJob } from '../mail.queues';
import { MailDelivery } from './mail-delivery';

/** Sends one outbox mail per job from the BullMQ `mail` queue; the outbox row makes each mail go out once. */
@Processor(MAIL_QUEUE)
export class MailProcessor extends WorkerHost implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);
  private lastConnectionError = 0;

  constructor(
    private readonly delivery: MailDelivery,
    private readonly config: MailConfig,
    @InjectQueue(MAIL_DEAD_LETTER_QUEUE) private readonly deadLetters: Queue,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.concurrency;
  }

  /** Takes no new jobs and waits for the active ones, while the sender, Redis and the database are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  process(job: Job<MailJob>): Promise<string> {
    return runWithRequestId(job.data.requestId, () => this.delivery.deliver(job.data.outboxId));
  }

  /** Connection errors repeat many times a second while Redis is down: log one line per half minute. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastConnectionError < 30_000) return;
    this.lastConnectionError = Date.now();
    this.logger.warn(`Mail queue worker: ${error.message} (retrying)`);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<MailJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    await runWithRequestId(job.data.requestId, () => this.recordFailure(job, error));
  }

  private async recordFailure(job: Job<MailJob>, error: Error): Promise<void> {
    const final = this.delivery.isPermanent(error) || job.attemptsMade >= (job.opts.attempts ?? 1);
    try {
      await this.delivery.recordFailure(job.data.outboxId, error, final);
      if (final) {
        await this.deadLetters.add(job.name, { ...job.data, error: maskPersonalData(error.message) }, { jobId: `${job.id}-${Date.now()}`, removeOnComplete: true });
        // Frees the job id (= outbox id): BullMQ ignores adding a job whose id exists, so while this failed job is
        // kept, a message put back to pending (`requeueDead`) would be relayed but never sent.
        await job.remove();
        this.logger.error(`Mail ${job.id} (${job.data.type}) is dead after ${job.attemptsMade} attempt(s): ${error.message}`);
      } else {
        this.logger.warn(`Mail ${job.id} (${job.data.type}) failed, attempt ${job.attemptsMade} of ${job.opts.attempts}: ${error.message}`);
      }
    } catch (bookkeeping) {
      this.logger.error(`Could not record the failure of mail ${job.id}: ${(bookkeeping as Error).message}`);
    }
  }
}
