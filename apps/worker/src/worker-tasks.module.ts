import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { Env, extensionSlot, INSTALLED_EXTENSIONS, MAIL_JOB_OPTIONS, mailDirectory, PatronExtension, redisOptions } from '@patron/config';
import { MAIL_DISPATCHER, MailModule } from '@patron/mail';
import { OUTBOX_DISPATCHER, OutboxRelay } from '@patron/outbox';

/**
 * Background work: the outbox relay and mail delivery. With REDIS_URL, mail goes through the BullMQ `mail` queue
 * (workers can scale out); without it, mail is sent in this process. Without SMTP_URL, mail is written as .eml
 * files under DATA_DIR/mail, unless an extension fills the mail sender slot.
 */
@Module({})
export class WorkerTasksModule {
  /** `extensions`: the deployment's `INSTALLED_EXTENSIONS` unless given (tests). */
  static forRoot(env: Env, extensions: PatronExtension[] = INSTALLED_EXTENSIONS): DynamicModule {
    const redis = env.REDIS_URL ? redisOptions(env.REDIS_URL) : undefined;
    return {
      module: WorkerTasksModule,
      imports: [
        ...(redis ? [BullModule.forRoot({ connection: { ...redis, maxRetriesPerRequest: null }, prefix: env.QUEUE_PREFIX })] : []),
        MailModule.forRoot({
          config: { from: env.MAIL_FROM, storefrontUrl: env.STOREFRONT_URL, defaultLocale: env.DEFAULT_LOCALE, concurrency: env.MAIL_CONCURRENCY, smtpPoolSize: env.SMTP_POOL_SIZE },
          smtpUrl: env.SMTP_URL,
          sender: extensionSlot(extensions, 'mailSender'),
          templateLoader: extensionSlot(extensions, 'mailTemplateLoader'),
          mailDirectory: mailDirectory(env) ?? undefined,
          queue: redis ? { connection: redis, prefix: env.QUEUE_PREFIX } : undefined,
          jobOptions: MAIL_JOB_OPTIONS,
        }),
      ],
      providers: [OutboxRelay, { provide: OUTBOX_DISPATCHER, useExisting: MAIL_DISPATCHER }],
      exports: [OutboxRelay],
    };
  }
}
