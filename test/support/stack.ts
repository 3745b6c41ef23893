import { MikroORM } from '@mikro-orm/postgresql';
import { INestApplication, Module } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { Env, loadEnv, PatronCoreModule, PatronExtension, postgresDatabase } from '@patron/config';
import { OutboxRelay } from '@patron/outbox';
import { Clock } from '@patron/shared-kernel';
import { StorefrontApiModule } from '../../apps/storefront-api/src/storefront-api.module';
import { createStorefrontApp } from '../../apps/storefront-api/src/storefront.app';
import { WorkerTasksModule } from '../../apps/worker/src/worker-tasks.module';
import { createBackofficeApp, SharedBackofficeAppModule } from '../../apps/backoffice-api/src/backoffice.app';
import { createTestDatabase, TestDatabase } from './database';
import { SmtpSink } from './smtp-sink';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let stacks = 0;

/** A queue prefix no other stack or test process of any run uses. */
export const testQueuePrefix = (): string => `patron-test-${process.env.PATRON_TEST_RUN_ID ?? 'x'}-${process.pid}-${++stacks}`;

export interface TestStack {
  app: INestApplication;
  env: Env;
  db: TestDatabase;
  smtp: SmtpSink;
  http: () => ReturnType<typeof request>;
  backofficeHttp: () => ReturnType<typeof request>;
  /** The back-office app with `{ backoffice: true }` (e.g. to `listen(0)` for a browser), else undefined. */
  backoffice?: INestApplication;
  sql: <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

export interface StackOptions {
  /** Environment overrides (strings, as in process.env; an empty string unsets, e.g. REDIS_URL: '' for in-process mail). */
  env?: Record<string, string>;
  /** Run the outbox relay and mail processor in the same process (default true). */
  worker?: boolean;
  smtp?: SmtpSink;
  /** Also start the back-office API on the same facades (`backofficeHttp()`). */
  backoffice?: boolean;
  /** Replaces the system clock (e.g. a FixedClock to expire keys without waiting). */
  clock?: Clock;
  /** Extensions to run (their migrations are applied on top of the run's template database). */
  extensions?: PatronExtension[];
  /** The URL the app connects with, from the test database's (e.g. through a proxy); created and dropped directly. */
  connectVia?: (databaseUrl: string) => string;
}

/**
 * Storefront API (and by default the worker) on a fresh migrated database, the machine's Redis under a run-unique
 * queue prefix, and an in-process SMTP sink. Not listening on a port: drive it with `http()`.
 */
export const startStack = async (options: StackOptions = {}): Promise<TestStack> => {
  const db = await createTestDatabase();
  const smtp = options.smtp ?? (await new SmtpSink().start());
  const appDatabaseUrl = options.connectVia ? options.connectVia(db.url) : db.url;
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: appDatabaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: testQueuePrefix(),
    SMTP_URL: smtp.url,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-test-')),
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const withWorker = options.worker ?? true;

  @Module({})
  class TestRootModule {}
  const root = {
    module: TestRootModule,
    imports: [PatronCoreModule.forRoot(env, postgresDatabase(appDatabaseUrl, { queryTimeoutMs: env.DB_QUERY_TIMEOUT_MS }), { clock: options.clock, extensions: options.extensions ?? [] }), StorefrontApiModule.forRoot(env), ...(withWorker ? [WorkerTasksModule.forRoot(env, options.extensions ?? [])] : [])],
  };
  const app = await createStorefrontApp(root, { logger: ['error'], trustProxy: env.TRUST_PROXY });
  await app.init();
  if (options.extensions?.length) await app.get(MikroORM).getMigrator().up();
  if (withWorker) app.get(OutboxRelay).start();
  const backoffice = options.backoffice ? await createBackofficeApp(SharedBackofficeAppModule.forRoot(env, app), ['error'], env.TRUST_PROXY) : undefined;
  await backoffice?.init();
  const orm = app.get(MikroORM);

  return {
    app,
    env,
    db,
    smtp,
    backoffice,
    http: () => request(app.getHttpServer()),
    backofficeHttp: () => {
      if (!backoffice) throw new Error('start the stack with { backoffice: true }');
      return request(backoffice.getHttpServer());
    },
    sql: (query, params = []) => orm.em.getConnection().execute(query, params),
    close: async () => {
      await backoffice?.close();
      await app.close();
      if (!options.smtp) await smtp.stop();
      await db.drop();
      if (env.REDIS_URL) await deleteQueueKeys(env.REDIS_URL, env.QUEUE_PREFIX).catch(() => undefined);
    },
  };
};

/** Deletes every Redis key under a queue prefix (a test's queues). */
export const deleteQueueKeys = async (url: string, prefix: string): Promise<void> => {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
};

export const JSON_API = 'application/vnd.api+json';

/** A JSON:API request document. */
export const doc = (type: string, attributes: Record<string, unknown>, id?: string) => ({ data: { type, ...(id ? { id } : {}), attributes } });
