/**
 * The body of `mail-worker`: reads the worker's environment from `MAIL_BENCH_ENV` (JSON), starts the worker's tasks
 * (the relay is not started: the benchmark's own process relays) and a plain BullMQ worker for the baseline, sends
 * `{ ready: true }`, answers `{ id, ask: 'cpu' }` with `{ id, cpu }` (`process.cpuUsage()`), and closes everything
 * when the parent goes away.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import { loadEnv, PatronCoreModule, postgresDatabase, redisOptions } from '@patron/config';
import { MAIL_SENDER, MailSender, MailTemplates } from '@patron/mail';
import { WorkerTasksModule } from '../../apps/worker/src/worker-tasks.module';
import { MAIL_BENCH_TYPE, mailBenchPayload, PLAIN_MAIL_QUEUE } from './mail-load';

const main = async () => {
  const env = loadEnv(JSON.parse(process.env.MAIL_BENCH_ENV!) as Record<string, string>);
  @Module({})
  class MailWorkerModule {}
  const app = await NestFactory.createApplicationContext(
    { module: MailWorkerModule, imports: [PatronCoreModule.forRoot(env, postgresDatabase(env.DATABASE_URL!)), WorkerTasksModule.forRoot(env)] },
    { logger: ['error'] },
  );
  await app.init();
  const templates = app.get(MailTemplates, { strict: false });
  const sender = app.get<MailSender>(MAIL_SENDER, { strict: false });
  const connection = { ...redisOptions(env.REDIS_URL!), maxRetriesPerRequest: null };
  const plain = new Worker(
    PLAIN_MAIL_QUEUE,
    async (job) => {
      const p = mailBenchPayload((job.data as { i: number }).i);
      await sender.send({ id: job.id!, ...templates.render(MAIL_BENCH_TYPE, p, p.secrets) });
    },
    { connection, prefix: env.QUEUE_PREFIX, concurrency: env.MAIL_CONCURRENCY },
  );
  process.on('message', (m: { id: number; ask: string }) => {
    if (m.ask === 'cpu') process.send?.({ id: m.id, cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => {
    void (async () => {
      await plain.close();
      await app.close();
      process.exit(0);
    })();
  });
  process.send?.({ ready: true });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
