import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { MailConfig } from './mail.config';
import { DEFAULT_MAIL_JOB_OPTIONS, MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE } from './mail.queues';
import { MAIL_SENDER, MailSender } from './extension/mail-sender';
import { MailTemplates } from './templates/mail-templates';
import { SmtpMailSender } from './delivery/smtp-mail-sender';
import { MAIL_JOB_OPTIONS, MAIL_PRODUCER, MailProducerOptions, MailQueueDispatcher } from './delivery/mail-queue.dispatcher';
import { MailProcessor } from './delivery/mail.processor';

export interface MailModuleOptions {
  config?: Partial<MailConfig>;
  /** SMTP server for the default sender, e.g. `smtp://127.0.0.1:1025`. */
  smtpUrl?: string;
  /** Replaces the SMTP sender. */
  sender?: Type<MailSender>;
  /** Redis connection and key prefix of the producer side (the relay's dispatcher); the same as `BullModule.forRoot`'s. */
  producer: MailProducerOptions;
  jobOptions?: JobsOptions;
}

/**
 * Mail delivery: templates, the sender, the `mail` queue's dispatcher (for the outbox relay) and its processor.
 * Needs `BullModule.forRoot` in the app.
 */
@Module({})
export class MailModule {
  static forRoot(options: MailModuleOptions): DynamicModule {
    const config = MailConfig.from(options.config);
    const sender: Provider = options.sender
      ? { provide: MAIL_SENDER, useClass: options.sender }
      : { provide: MAIL_SENDER, useFactory: () => new SmtpMailSender(config, options.smtpUrl ?? 'smtp://127.0.0.1:1025') };
    return {
      module: MailModule,
      imports: [
        BullModule.registerQueue({ name: MAIL_QUEUE }, { name: MAIL_DEAD_LETTER_QUEUE }),
      ],
      providers: [
        { provide: MailConfig, useValue: config },
        { provide: MAIL_PRODUCER, useValue: options.producer },
        { provide: MAIL_JOB_OPTIONS, useValue: { ...DEFAULT_MAIL_JOB_OPTIONS, ...options.jobOptions } },
        sender,
        MailTemplates,
        MailQueueDispatcher,
        MailProcessor,
      ],
      exports: [MailQueueDispatcher, MailTemplates, MAIL_SENDER],
    };
  }
}
