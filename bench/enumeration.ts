/**
 * Do known and unknown emails answer alike in time? For 200 known and 200 unknown emails: median and p95 of
 * `POST /access-tokens` (wrong password) and `POST /customer-forgotten-password`, and the ratio unknown / known.
 * Needs PostgreSQL (BENCH_DATABASE_URL, default the local server) and Redis (BENCH_REDIS_URL); uses a throw-away
 * database.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { Client } from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { loadEnv, PatronCoreModule, postgresDatabase } from '@patron/config';
import { CustomerFacade } from '@patron/customer';
import { Argon2idPasswordHasher, PasswordConfig } from '@patron/password';
import { StorefrontApiModule } from '../apps/storefront-api/src/storefront-api.module';
import { createStorefrontApp } from '../apps/storefront-api/src/storefront.app';
import { runBenchmark } from './support/run-benchmark';
import { deleteRedisKeys } from './support/redis-keys';

const COUNT = 200;
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const main = async () => {
  const name = `patron_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const env = loadEnv({
    DATABASE_URL: url.toString(),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: name,
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-bench-')),
    FORGOTTEN_PASSWORD_LIMIT_PER_IP: '100000',
    LOGIN_FAILURE_LIMIT: '100000',
  });
  const database = postgresDatabase(env.DATABASE_URL!);
  @Module({})
  class BenchModule {}
  const app = await createStorefrontApp(
    { module: BenchModule, imports: [PatronCoreModule.forRoot(env, database), StorefrontApiModule.forRoot(env)] },
    { logger: ['error'] },
  );
  try {
    await database.migrate(app.get(require('@mikro-orm/core').MikroORM));
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const hash = await new Argon2idPasswordHasher(new PasswordConfig()).hash('Known-Password1!');
    const known = Array.from({ length: COUNT }, (_, i) => `known${i}@bench.test`);
    const unknown = Array.from({ length: COUNT }, (_, i) => `unknown${i}@bench.test`);
    await app.get(CustomerFacade).importCustomers(
      known.map((email, i) => ({
        line: i + 2, customer_reference: `BENCH--${i + 1}`, locale_name: 'en_US', phone: '', email, salutation: 'Ms', first_name: 'B',
        last_name: 'K', company: '', gender: 'Female', date_of_birth: '', password: hash, registered: '2024-01-01',
      })),
    );

    const time = async (path: string, body: unknown): Promise<number> => {
      const started = process.hrtime.bigint();
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/vnd.api+json' }, body: JSON.stringify(body) });
      await response.arrayBuffer();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const measure = async (emails: string[], path: string, body: (email: string) => unknown) => {
      const times: number[] = [];
      for (const email of emails) {
        times.push(await time(path, body(email)));
        // A pause lets the work a request started after answering finish, as it would between an attacker's probes.
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      return times;
    };
    const login = (email: string) => ({ data: { type: 'access-tokens', attributes: { username: email, password: 'Wrong-Password1!' } } });
    const forgotten = (email: string) => ({ data: { type: 'customer-forgotten-password', attributes: { email } } });

    // Interleave known and unknown in rounds so machine noise hits both alike.
    const rows: [string, number[], number[]][] = [];
    for (const [label, path, body] of [['login (wrong password)', '/access-tokens', login], ['forgotten password', '/customer-forgotten-password', forgotten]] as const) {
      const k: number[] = [];
      const u: number[] = [];
      for (let round = 0; round < 4; round++) {
        const slice = (list: string[]) => list.slice((round * COUNT) / 4, ((round + 1) * COUNT) / 4);
        k.push(...(await measure(slice(known), path, body)));
        u.push(...(await measure(slice(unknown), path, body)));
      }
      rows.push([label, k, u]);
    }
    console.log(`${COUNT} known and ${COUNT} unknown emails, one request at a time, 30 ms apart (ms)`);
    console.log('endpoint                 known p50  p95   unknown p50  p95   ratio unknown/known (p50)');
    for (const [label, k, u] of rows) {
      const [kp50, kp95, up50, up95] = [percentile(k, 50), percentile(k, 95), percentile(u, 50), percentile(u, 95)];
      console.log(`${label.padEnd(24)} ${kp50.toFixed(1).padStart(9)} ${kp95.toFixed(1).padStart(5)} ${up50.toFixed(1).padStart(12)} ${up95.toFixed(1).padStart(5)}   ${(up50 / kp50).toFixed(2)}`);
    }
  } finally {
    await app.close();
    await deleteRedisKeys(env.REDIS_URL!, name).catch(() => undefined);
    rmSync(env.DATA_DIR, { recursive: true, force: true });
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
};

runBenchmark(main);
