import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { Env, redisOptions } from '@patron/config';
import { MailModule, MailQueueDispatcher } from '@patron/mail';
import { OUTBOX_DISPATCHER, OutboxRelay } from '@patron/outbox';

/** Background work: the outbox relay (PostgreSQL → BullMQ) and the mail processor (BullMQ → SMTP). */
@Module({})
export class WorkerTasksModule {
  static forRoot(env: Env): DynamicModule {
    const redis = redisOptions(env.REDIS_URL);
    return {
      module: WorkerTasksModule,
      imports: [
        BullModule.forRoot({ connection: { ...redis, maxRetriesPerRequest: null }, prefix: env.QUEUE_PREFIX }),
        MailModule.forRoot({
          config: { from: env.MAIL_FROM, storefrontUrl: env.STOREFRONT_URL, defaultLocale: env.DEFAULT_LOCALE, concurrency: env.MAIL_CONCURRENCY },
          smtpUrl: env.SMTP_URL,
          producer: { connection: redis, prefix: env.QUEUE_PREFIX },
        }),
      ],
      providers: [OutboxRelay, { provide: OUTBOX_DISPATCHER, useExisting: MailQueueDispatcher }],
      exports: [OutboxRelay],
    };
  }
}
