/**
 * Back-office customer search at a million customers. Seeds 1,000,000 customers (1% of them deleted), one address
 * each and ~1.33M group memberships into a throw-away database with set-based SQL, then runs at least 500 searches
 * per case through `CustomerFacade.search` (the page query and its total, as the `/api/customers` endpoint runs them)
 * and prints p50/p95 against the 20 ms goal, followed by `EXPLAIN (ANALYZE, BUFFERS)` of one page query per case.
 * Needs PostgreSQL (BENCH_DATABASE_URL, default the local server). `BENCH_CUSTOMERS` seeds fewer for a quick look;
 * `BENCH_KEEP=1` keeps the seeded database and prints its name, `BENCH_REUSE=<name>` measures it again without seeding,
 * `BENCH_DATABASE_PREFIX` names the throw-away database (default `patron_bench_search_`).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv, PatronCoreModule, postgresDatabase } from '@patron/config';
import { CustomerFacade, CustomerSearch } from '@patron/customer';
import { runBenchmark } from './support/run-benchmark';

let CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const QUERIES = 500;
const GROUPS = 20;
const GOAL_MS = 20;
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const FIRST = ['Anna', 'Zoë', 'Jürgen', 'Renée', 'José', 'Björn', 'Chloé', 'Łukasz', 'Mia', 'Noah', 'Emma', 'Liam', 'Sofía',
  'Ömer', 'Hannah', 'Lucas', 'Amélie', 'Felix', 'Léa', 'Jonas', 'Marta', 'Paul', 'Inès', 'David', 'Sara', 'Tomás', 'Greta',
  'Elias', 'Nora', 'Karl'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schröder', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann',
  'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann', 'Núñez', 'García', 'Dubois', 'Lefèvre',
  'Nowak', 'Kowalski', 'Smith', 'Johnson', 'Brown', 'Øster', 'Åberg', 'Çelik'];
const DOMAINS = ['example.com', 'mail.test', 'shop.de', 'post.example.org'];

const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]`;
const pick = (list: string, salt: string, n: number) => `(${list})[1 + abs(hashtext(i::text || '${salt}')) % ${n}]`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const random = (n: number) => 1 + Math.floor(Math.random() * n);

const seed = async (db: Client) => {
  const first = pick(sqlArray(FIRST), 'f', FIRST.length);
  const last = pick(sqlArray(LAST), 'l', LAST.length);
  const domain = pick(sqlArray(DOMAINS), 'd', DOMAINS.length);
  const batch = 100_000;
  for (let from = 1; from <= CUSTOMERS; from += batch) {
    const to = Math.min(CUSTOMERS, from + batch - 1);
    await db.query(`
      insert into customer (id, customer_reference, email, email_normalized, salutation, first_name, last_name, locale, registered_at,
                            anonymized_at, created_at, updated_at)
      select i, 'DE--' || i, email, lower(email), 'Ms', first_name, last_name,
             case when i % 4 = 0 then 'en_US' else 'de_DE' end,
             case when i % 10 = 0 then null else created end,
             case when i % 100 = 99 then created end,
             created, created
      from (select i, first_name, last_name, created,
                   lower(unaccent(first_name || '.' || last_name)) || i || '@' || ${domain} as email
            from (select i, ${first} as first_name, ${last} as last_name,
                         timestamptz '2023-01-01' + (i::float / ${CUSTOMERS}) * interval '3 years' as created
                  from generate_series(${from}, ${to}) i) names) rows`);
    await db.query(`
      insert into customer_address (uuid, customer_reference, first_name, last_name, address1, address2, zip_code, city, iso2_code,
                                    is_default_billing, is_default_shipping, created_at, updated_at)
      select gen_random_uuid(), customer_reference, first_name, last_name, 'Julie-Wolfthorn-Straße', (id % 200)::text, '10115', 'Berlin', 'DE',
             true, true, created_at, created_at
      from customer where id between ${from} and ${to}`);
    process.stdout.write(`\rseeded ${to.toLocaleString('en')} customers`);
  }
  process.stdout.write('\n');
  await db.query(`select setval('customer_id_seq', ${CUSTOMERS}), setval('customer_reference_seq', ${CUSTOMERS})`);
  await db.query(`insert into customer_group (name, created_at, updated_at) select 'Group ' || g, now(), now() from generate_series(1, ${GROUPS}) g`);
  await db.query(`insert into customer_group_member (group_id, customer_reference)
    select g, 'DE--' || i from generate_series(1, ${CUSTOMERS}) i,
      lateral (select 1 + abs(hashtext(i::text || 'g')) % ${GROUPS} as g
               union select 1 + abs(hashtext(i::text || 'h')) % ${GROUPS} where abs(hashtext(i::text || 'x')) % 3 = 0) groups
    on conflict do nothing`);
  await db.query('vacuum analyze');
};

/** One case: a label and a generator of the next search (different each time, so no case measures a single cached row). */
type Case = [string, () => Promise<CustomerSearch>];

const main = async () => {
  const reuse = process.env.BENCH_REUSE;
  const keep = Boolean(reuse) || process.env.BENCH_KEEP === '1';
  const name = reuse ?? `${process.env.BENCH_DATABASE_PREFIX ?? 'patron_bench_search_'}${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  if (!reuse) await admin.query(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const env = loadEnv({
    DATABASE_URL: url.toString(),
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-bench-')),
  });
  const database = postgresDatabase(env.DATABASE_URL!);
  @Module({ imports: [PatronCoreModule.forRoot(env, database)] })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const db = new Client({ connectionString: url.toString() });
  try {
    const orm = app.get(MikroORM);
    await database.migrate(orm);
    await db.connect();
    if (reuse) CUSTOMERS = Number((await db.query('select max(id) as n from customer')).rows[0].n);
    else {
      const seeding = Date.now();
      await seed(db);
      console.log(`seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);
    }

    // Records the page query of each search, to EXPLAIN one per case afterwards.
    const connection = orm.em.getConnection();
    const execute = connection.execute.bind(connection);
    let lastPageQuery: [string, unknown[]] | null = null;
    connection.execute = ((sql: unknown, params?: unknown[], ...rest: unknown[]) => {
      if (typeof sql === 'string' && sql.includes('order by')) lastPageQuery = [sql, params ?? []];
      return (execute as (...args: unknown[]) => unknown)(sql, params, ...rest);
    }) as typeof connection.execute;

    const customers = app.get(CustomerFacade);
    const row = async (id: number) => (await db.query('select * from customer where id = $1', [id])).rows[0];
    const live = async () => {
      for (;;) {
        const found = await row(random(CUSTOMERS));
        if (!found.anonymized_at) return found;
      }
    };
    const cursor = (value: unknown, id: number) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
    const cases: Case[] = [
      ['email prefix', async () => ({ text: (await live()).email.split('@')[0] })],
      ['name substring', async () => {
        const c = await live();
        const full = `${c.first_name} ${c.last_name}`;
        const start = Math.floor(Math.random() * (full.length - 5));
        return { text: full.slice(start, start + 5 + Math.floor(Math.random() * 4)) };
      }],
      ['reference', async () => ({ text: `DE--${random(CUSTOMERS)}` })],
      ['filtered by group', async () => ({ filters: { groupId: random(GROUPS) } })],
      ['group + verified, by last name', async () => ({ filters: { groupId: random(GROUPS) }, status: 'verified', sort: 'lastName' })],
      ['sorted by last name', async () => ({ sort: 'lastName', direction: Math.random() < 0.5 ? 'asc' : 'desc' })],
      ['deep page, by last name', async () => {
        const c = await live();
        return { sort: 'lastName', after: cursor(c.last_name.toLowerCase(), Number(c.id)) };
      }],
      ['deep page, by created-at desc', async () => {
        const c = await live();
        return { sort: 'createdAt', direction: 'desc', after: cursor(c.created_at.toISOString(), Number(c.id)) };
      }],
      ['deep page, by email', async () => {
        const c = await live();
        return { sort: 'email', after: cursor(c.email_normalized, Number(c.id)) };
      }],
    ];

    const results: [string, number[], number, [string, unknown[]]][] = [];
    for (const [label, next] of cases) {
      for (let i = 0; i < 20; i++) await customers.search(await next()); // warm-up
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < QUERIES; i++) {
        const search = await next();
        const started = process.hrtime.bigint();
        const page = await customers.search(search);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        found += page.customers.length;
      }
      results.push([label, times.sort((a, b) => a - b), found / QUERIES, lastPageQuery!]);
    }

    console.log(`\n${CUSTOMERS.toLocaleString('en')} customers, ${QUERIES} searches per case, one at a time (page of 25 and its total; ms)`);
    console.log('case                              p50     p95     max   rows/page   p95 ≤ 20 ms');
    for (const [label, times, rows] of results) {
      const [p50, p95] = [percentile(times, 50), percentile(times, 95)];
      console.log(`${label.padEnd(30)} ${p50.toFixed(2).padStart(6)} ${p95.toFixed(2).padStart(7)} ${times[times.length - 1].toFixed(1).padStart(7)}` +
        `   ${rows.toFixed(1).padStart(9)}   ${p95 <= GOAL_MS ? 'yes' : 'NO'}`);
    }
    for (const [label, , , [sql, params]] of results) {
      console.log(`\n-- ${label}: the last page query, EXPLAIN (ANALYZE, BUFFERS)`);
      const plan = (await execute(`explain (analyze, buffers, costs off) ${sql}`, params as never)) as { 'QUERY PLAN': string }[];
      console.log(plan.map((line) => line['QUERY PLAN']).join('\n'));
    }
  } finally {
    rmSync(env.DATA_DIR, { recursive: true, force: true });
    await db.end().catch(() => undefined);
    await app.close();
    if (keep) console.log(`\nkept the database ${name}`);
    else await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
};

runBenchmark(main);
