import 'reflect-metadata';
import { INestApplication, Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { loadEnv, PatronCoreModule, postgresDatabase } from '@patron/config';
import { StorefrontApiModule } from '../../apps/storefront-api/src/storefront-api.module';
import { createStorefrontApp } from '../../apps/storefront-api/src/storefront.app';
import { BENCH_REDIS_URL, BenchDatabase, createBenchDatabase } from './database';
import { deleteRedisKeys } from './redis-keys';

export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-0123456789';

export interface BenchStorefront {
  app: INestApplication;
  base: string;
  db: BenchDatabase;
  close(): Promise<void>;
}

/** The storefront API in this process on a fresh throw-away database, listening on a free port. */
export const startStorefront = async (label: string, extraEnv: Record<string, string> = {}): Promise<BenchStorefront> => {
  const db = await createBenchDatabase(label);
  const dataDir = mkdtempSync(join(tmpdir(), 'patron-bench-'));
  const env = loadEnv({
    DATABASE_URL: db.url,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: db.name,
    JWT_SECRET: BENCH_JWT_SECRET,
    DATA_DIR: dataDir,
    FORGOTTEN_PASSWORD_LIMIT_PER_IP: '100000000',
    LOGIN_FAILURE_LIMIT: '100000000',
    ...extraEnv,
  });
  const database = postgresDatabase(env.DATABASE_URL!);
  @Module({})
  class BenchModule {}
  const app = await createStorefrontApp(
    { module: BenchModule, imports: [PatronCoreModule.forRoot(env, database), StorefrontApiModule.forRoot(env)] },
    { logger: ['error'] },
  );
  await database.migrate(app.get(require('@mikro-orm/core').MikroORM));
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const close = async () => {
    await app.close();
    await deleteRedisKeys(BENCH_REDIS_URL, env.QUEUE_PREFIX).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  };
  return { app, base, db, close };
};

/** Imports `count` confirmed customers `bench{i}@bench.test` sharing one password hash; returns their emails. */
export const importCustomers = async (app: INestApplication, count: number, hash: string): Promise<string[]> => {
  const { CustomerFacade } = require('@patron/customer');
  const emails = Array.from({ length: count }, (_, i) => `bench${i}@bench.test`);
  await app.get(CustomerFacade).importCustomers(
    emails.map((email, i) => ({
      line: i + 2, customer_reference: `BENCH--${i + 1}`, locale_name: 'en_US', phone: '', email, salutation: 'Ms', first_name: 'B',
      last_name: 'K', company: '', gender: 'Female', date_of_birth: '', password: hash, registered: '2024-01-01',
    })),
  );
  return emails;
};

export const JSON_API = { 'Content-Type': 'application/vnd.api+json' };
