import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { OutboxFacade } from '@patron/outbox';
import { MailConfig } from '../mail.config';
import { MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE, MailJob } from '../mail.queues';
import { MAIL_SENDER, MailSender } from '../extension/mail-sender';
import { MailTemplates, UnknownMailTypeError } from '../templates/mail-templates';

/** Renders and sends one outbox mail per job; the outbox row guarantees each mail is sent at most once. */
@Processor(MAIL_QUEUE)
export class MailProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly outbox: OutboxFacade,
    private readonly templates: MailTemplates,
    private readonly config: MailConfig,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    @InjectQueue(MAIL_DEAD_LETTER_QUEUE) private readonly deadLetters: Queue,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.concurrency;
  }

  async process(job: Job<MailJob>): Promise<string> {
    return this.outbox.deliverOnce(job.data.outboxId, async (message) => {
      let rendered;
      try {
        rendered = this.templates.render(message.type, message.payload, message.payload.secrets);
      } catch (error) {
        if (error instanceof UnknownMailTypeError) throw new UnrecoverableError(error.message);
        throw error;
      }
      await this.sender.send({ id: message.id, ...rendered });
    });
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<MailJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    try {
      await this.outbox.recordFailure(job.data.outboxId, error.message, final);
      if (final) {
        await this.deadLetters.add(job.name, { ...job.data, error: error.message }, { jobId: `${job.id}-${Date.now()}`, removeOnComplete: true });
        // Frees the job id (= outbox id): BullMQ ignores adding a job whose id exists, so while this failed job is
        // kept, a message put back to pending (`requeueDead`) would be relayed but never sent.
        await job.remove();
        this.logger.error(`Mail ${job.id} (${job.data.type}) is dead after ${job.attemptsMade} attempt(s): ${error.message}`);
      }
    } catch (bookkeeping) {
      this.logger.error(`Could not record the failure of mail ${job.id}: ${(bookkeeping as Error).message}`);
    }
  }
}
