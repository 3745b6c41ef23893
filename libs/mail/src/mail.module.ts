import { BullModule } from '@nestjs/bullmq';
import { CqrsModule } from '@nestjs/cqrs';
import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { MailConfig } from './mail.config';
import { DEFAULT_MAIL_JOB_OPTIONS, MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE } from './mail.queues';
import { MAIL_SENDER, MailSender } from './extension/mail-sender';
import { MAIL_TEMPLATE_LOADER, MailTemplateLoader } from './extension/mail-template-loader';
import { MailTemplates } from './templates/mail-templates';
import { SmtpMailSender } from './delivery/smtp-mail-sender';
import { FileMailSender } from './delivery/file-mail-sender';
import { MAIL_JOB_OPTIONS, MAIL_PRODUCER, MailProducerOptions, MailQueueDispatcher } from './delivery/mail-queue.dispatcher';
import { InProcessMailDispatcher } from './delivery/in-process-mail.dispatcher';
import { MailDelivery } from './delivery/mail-delivery';
import { MailProcessor } from './delivery/mail.processor';

/** The dispatcher the outbox relay should use: BullMQ's, or the in-process one. */
export const MAIL_DISPATCHER = Symbol('mail.dispatcher');

export interface MailModuleOptions {
  config?: Partial<MailConfig>;
  /** SMTP server for the default sender, e.g. `smtp://127.0.0.1:1025`. */
  smtpUrl?: string;
  /** Without `smtpUrl`: mails are written here as .eml files. */
  mailDirectory?: string;
  /** Replaces the SMTP or file sender. */
  sender?: Type<MailSender>;
  /** Replaces the built-in templates (`BuiltInMailTemplateLoader`). */
  templateLoader?: Type<MailTemplateLoader>;
  /**
   * Redis connection and key prefix of the `mail` queue (the same as `BullModule.forRoot`'s, which the app must
   * import). Without it mail is sent in-process, with the same retries, and no Redis is needed.
   */
  queue?: MailProducerOptions;
  jobOptions?: JobsOptions;
}

/** The built-in sender: SMTP when `smtpUrl` is given, otherwise .eml files in `mailDirectory` (default var/mail). */
export const defaultMailSender = (config: MailConfig, options: Pick<MailModuleOptions, 'smtpUrl' | 'mailDirectory'>): MailSender & { close?(): void } =>
  options.smtpUrl ? new SmtpMailSender(config, options.smtpUrl) : new FileMailSender(config, options.mailDirectory ?? 'var/mail');

/** Mail delivery for outbox messages: templates, the sender, and the dispatcher for the outbox relay. */
@Module({})
export class MailModule {
  static forRoot(options: MailModuleOptions = {}): DynamicModule {
    const config = MailConfig.from(options.config);
    const sender: Provider = options.sender
      ? { provide: MAIL_SENDER, useClass: options.sender }
      : { provide: MAIL_SENDER, useFactory: () => defaultMailSender(config, options) };
    const transport: Provider[] = options.queue
      ? [{ provide: MAIL_PRODUCER, useValue: options.queue }, MailQueueDispatcher, MailProcessor, { provide: MAIL_DISPATCHER, useExisting: MailQueueDispatcher }]
      : [InProcessMailDispatcher, { provide: MAIL_DISPATCHER, useExisting: InProcessMailDispatcher }];
    return {
      module: MailModule,
      imports: [CqrsModule, ...(options.queue ? [BullModule.registerQueue({ name: MAIL_QUEUE }, { name: MAIL_DEAD_LETTER_QUEUE })] : [])],
      providers: [
        { provide: MailConfig, useValue: config },
        { provide: MAIL_JOB_OPTIONS, useValue: { ...DEFAULT_MAIL_JOB_OPTIONS, ...options.jobOptions } },
        sender,
        ...(options.templateLoader ? [{ provide: MAIL_TEMPLATE_LOADER, useClass: options.templateLoader }] : []),
        MailTemplates,
        MailDelivery,
        ...transport,
      ],
      exports: [MAIL_DISPATCHER, MailTemplates, MAIL_SENDER],
    };
  }
}
