/**
 * Mail throughput: sustained mails per second from outbox rows to an SMTP server, through the relay, BullMQ and the
 * worker's mail processor (pooled SMTP), against a baseline of plain BullMQ jobs that render and send the same mails
 * through the same sender without the outbox. The SMTP server runs in its own process and only counts (its own rate
 * is measured first). Rounds alternate subject and baseline; medians and the ratio subject / baseline are printed, and
 * the CPU time this process (relay, worker, sender) spends per mail on each path, steadier than rates on a busy machine.
 * Goal: ≥ 500 mails/s and ≥ 0.5 of the baseline.
 *
 * MAIL_BENCH_COUNT mails per round (default 3000), MAIL_BENCH_ROUNDS rounds of each (default 3); MAIL_CONCURRENCY
 * and SMTP_POOL_SIZE as in the worker. MAIL_BENCH_PROCESSES (default 1) worker processes take part on both paths: this
 * one and further ones (`support/mail-worker`), each with its own mail queue processor and plain BullMQ worker; the
 * relay runs here; CPU per mail then sums all of them. Needs PostgreSQL (BENCH_DATABASE_URL) and Redis (BENCH_REDIS_URL); uses a
 * throw-away database and queue prefix.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { createTransport } from 'nodemailer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv, PatronCoreModule, postgresDatabase, redisOptions } from '@patron/config';
import { MAIL_SENDER, MailSender, MailTemplates } from '@patron/mail';
import { OutboxRelay } from '@patron/outbox';
import { WorkerTasksModule } from '../apps/worker/src/worker-tasks.module';
import { createBenchDatabase, BENCH_REDIS_URL } from './support/database';
import { SmtpCounter } from './support/smtp-counter-client';
import { MailWorkerProcess } from './support/mail-worker-client';
import { MAIL_BENCH_TYPE as TYPE, mailBenchPayload as payload, PLAIN_MAIL_QUEUE } from './support/mail-load';
import { deleteRedisKeys } from './support/redis-keys';
import { median, printTable } from './support/stats';
import { runBenchmark } from './support/run-benchmark';

const COUNT = Number(process.env.MAIL_BENCH_COUNT ?? 3000);
const ROUNDS = Number(process.env.MAIL_BENCH_ROUNDS ?? 3);
const PROCESSES = Number(process.env.MAIL_BENCH_PROCESSES ?? 1);

const rate = (count: number, ms: number) => (count * 1000) / ms;

/** A round's figures: mails per second, and this process's CPU time (relay, worker, sender) per mail. */
interface Round {
  rate: number;
  cpuMs: number;
}

const ownCpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

/** The sink alone: mails as fast as a nodemailer pool can hand them to it, nothing else involved. */
const measureSink = async (sink: SmtpCounter, poolSize: number, concurrency: number, from: number): Promise<number> => {
  const transport = createTransport({ url: sink.url, pool: true, maxConnections: poolSize, maxMessages: 1000 } as object);
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < COUNT) {
        const i = next++;
        await transport.sendMail({ from: 'bench@patron.local', to: `sink${i}@example.com`, subject: 'Sink', text: 'x'.repeat(600), html: `<p>${'x'.repeat(900)}</p>`, messageId: `<sink-${from + i}@patron.local>` });
      }
    }),
  );
  const ms = Date.now() - started;
  transport.close();
  return rate(COUNT, ms);
};

const main = async () => {
  const db = await createBenchDatabase('mail');
  const sink = await SmtpCounter.start();
  const prefix = db.name;
  const workerEnv: Record<string, string> = {
    DATABASE_URL: db.url,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: sink.url,
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-bench-')),
    LOG_LEVEL: 'warn',
    ...(process.env.MAIL_CONCURRENCY ? { MAIL_CONCURRENCY: process.env.MAIL_CONCURRENCY } : {}),
    ...(process.env.SMTP_POOL_SIZE ? { SMTP_POOL_SIZE: process.env.SMTP_POOL_SIZE } : {}),
  };
  const env = loadEnv(workerEnv);
  const database = postgresDatabase(env.DATABASE_URL!);
  @Module({})
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(
    { module: BenchModule, imports: [PatronCoreModule.forRoot(env, database), WorkerTasksModule.forRoot(env)] },
    { logger: ['error'] },
  );
  const sql = new Client({ connectionString: db.url });
  let plainQueue: Queue | undefined;
  let plainWorker: Worker | undefined;
  const helpers: MailWorkerProcess[] = [];
  try {
    await database.migrate(app.get(MikroORM));
    await app.init();
    await sql.connect();
    const relay = app.get(OutboxRelay);
    const templates = app.get(MailTemplates, { strict: false });
    const sender = app.get<MailSender>(MAIL_SENDER, { strict: false });
    const concurrency = env.MAIL_CONCURRENCY;
    const poolSize = env.SMTP_POOL_SIZE;

    // Baseline: one plain BullMQ job per mail, rendered and sent by the same sender, no outbox.
    const connection = { ...redisOptions(BENCH_REDIS_URL), maxRetriesPerRequest: null };
    plainQueue = new Queue(PLAIN_MAIL_QUEUE, { connection, prefix });
    plainWorker = new Worker(
      PLAIN_MAIL_QUEUE,
      async (job) => {
        const data = job.data as { i: number };
        const p = payload(data.i);
        await sender.send({ id: job.id!, ...templates.render(TYPE, p, p.secrets) });
      },
      { connection, prefix, concurrency },
    );
    for (let i = 1; i < PROCESSES; i++) helpers.push(await MailWorkerProcess.start(workerEnv));
    /** CPU time of every worker process taking part, in ms. */
    const cpuMs = async () => ownCpuMs() + (await Promise.all(helpers.map((h) => h.cpuMs()))).reduce((a, b) => a + b, 0);

    let sent = 0;
    const sinkRates: number[] = [];
    for (let i = 0; i < 2; i++) {
      sinkRates.push(await measureSink(sink, poolSize, concurrency, sent));
      sent += COUNT;
    }
    await sink.waitFor(sent);

    let written = 0;
    const subject = async (count: number): Promise<Round> => {
      const offset = written;
      written += count;
      await sql.query(
        `insert into outbox_message (id, type, payload, subject, created_at)
         select gen_random_uuid(), $1,
                jsonb_build_object('to', 'bench' || g || '@example.com', 'locale', 'en_US', 'salutation', 'Ms', 'firstName', 'Ada',
                                   'lastName', 'Lovelace', 'secrets', jsonb_build_object('token', 'token-' || g || '-' || repeat('x', 40))),
                'BENCH--' || g, now()
           from generate_series($2::int, $3::int) g`,
        [TYPE, offset, offset + count - 1],
      );
      const cpu = await cpuMs();
      const started = Date.now();
      relay.start();
      await sink.waitFor(sent + count);
      const ms = Date.now() - started;
      const used = (await cpuMs()) - cpu;
      sent += count;
      await relay.stop();
      // Every row of the round recorded before the next one starts.
      for (;;) {
        const { rows } = await sql.query(`select count(*)::int as n from outbox_message where status <> 'delivered'`);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { rate: rate(count, ms), cpuMs: used / count };
    };

    let queued = 0;
    const baseline = async (count: number): Promise<Round> => {
      const offset = queued;
      queued += count;
      const cpu = await cpuMs();
      const started = Date.now();
      for (let i = 0; i < count; i += 100) {
        await plainQueue!.addBulk(
          Array.from({ length: Math.min(100, count - i) }, (_, k) => ({ name: TYPE, data: { i: offset + i + k }, opts: { jobId: `plain-${offset + i + k}`, removeOnComplete: true } })),
        );
      }
      await sink.waitFor(sent + count);
      const ms = Date.now() - started;
      const used = (await cpuMs()) - cpu;
      sent += count;
      return { rate: rate(count, ms), cpuMs: used / count };
    };

    // A short warm-up of both paths (JIT, connections), not counted.
    await subject(Math.min(COUNT, 500));
    await baseline(Math.min(COUNT, 500));
    const subjectRounds: Round[] = [];
    const baselineRounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [o, p] = [await subject(COUNT), await baseline(COUNT)];
      subjectRounds.push(o);
      baselineRounds.push(p);
      console.log(
        `round ${round + 1}: outbox ${o.rate.toFixed(0)} mails/s (${o.cpuMs.toFixed(2)} CPU ms/mail), plain BullMQ ${p.rate.toFixed(0)} mails/s (${p.cpuMs.toFixed(2)} CPU ms/mail)`,
      );
    }
    const subjectRates = subjectRounds.map((r) => r.rate);
    const baselineRates = baselineRounds.map((r) => r.rate);
    const [subjectCpu, baselineCpu] = [median(subjectRounds.map((r) => r.cpuMs)), median(baselineRounds.map((r) => r.cpuMs))];
    const final = await sink.count();
    const [s, b] = [median(subjectRates), median(baselineRates)];
    console.log(`\n${COUNT} mails per round, ${ROUNDS} rounds each; ${PROCESSES} worker process(es), each with concurrency ${concurrency} and SMTP pool ${poolSize}`);
    printTable([
      ['path', 'median mails/s', 'min', 'max'],
      ['SMTP sink alone (nodemailer pool)', median(sinkRates), Math.min(...sinkRates), Math.max(...sinkRates)],
      ['outbox → relay → BullMQ → worker', s, Math.min(...subjectRates), Math.max(...subjectRates)],
      ['plain BullMQ jobs (baseline)', b, Math.min(...baselineRates), Math.max(...baselineRates)],
    ]);
    console.log(`ratio outbox / baseline: ${(s / b).toFixed(2)} (goal ≥ 0.5); outbox ${s.toFixed(0)} mails/s (goal ≥ 500)`);
    const pairedRatios = subjectRounds.map((r, i) => r.rate / baselineRounds[i].rate);
    console.log(`ratio per pair of adjacent rounds: ${pairedRatios.map((r) => r.toFixed(2)).join(', ')}; median ${median(pairedRatios).toFixed(2)}`);
    console.log(`CPU of the worker process(es) per mail (relay, worker, sender): outbox ${subjectCpu.toFixed(2)} ms, baseline ${baselineCpu.toFixed(2)} ms`);
    console.log(`sink received ${final.count} mails, ${final.duplicates} duplicate Message-IDs`);
  } finally {
    await Promise.all(helpers.map((h) => h.stop()));
    await plainWorker?.close();
    await plainQueue?.obliterate({ force: true }).catch(() => undefined);
    await plainQueue?.close();
    await deleteRedisKeys(BENCH_REDIS_URL, prefix).catch(() => undefined);
    await app.close();
    rmSync(workerEnv.DATA_DIR, { recursive: true, force: true });
    await sql.end().catch(() => undefined);
    sink.stop();
    await db.drop();
  }
};

runBenchmark(main);
