/**
 * Logins per second through `POST /access-tokens` against the raw argon2id verify rate with the project's hasher
 * parameters, both with every libuv thread busy, in alternating rounds; prints each round, the medians and the
 * ratio (goal ≥ 0.9). Fresh throw-away database; needs PostgreSQL and Redis.
 */
import { Argon2idPasswordHasher, PasswordConfig } from '@patron/password';
import { load, rate } from './support/load';
import { median, printTable } from './support/stats';
import { importCustomers, JSON_API, startStorefront } from './support/storefront';
import { runBenchmark } from './support/run-benchmark';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONCURRENCY = Math.max(8, Number(process.env.UV_THREADPOOL_SIZE ?? 4) * 2);
const PASSWORD = 'Known-Password1!';

const main = async () => {
  const storefront = await startStorefront('login', { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  try {
    const hasher = new Argon2idPasswordHasher(new PasswordConfig());
    const hash = await hasher.hash(PASSWORD);
    const emails = await importCustomers(storefront.app, 50, hash);
    const requests = emails.map((username) => ({
      method: 'POST' as const, path: '/access-tokens', headers: JSON_API,
      body: JSON.stringify({ data: { type: 'access-tokens', attributes: { username, password: PASSWORD } } }),
    }));
    const rows: (string | number)[][] = [['round', 'login/s', 'p50 ms', 'p99 ms', 'non-2xx', 'verify/s', 'ratio']];
    const logins: number[] = [];
    const verifies: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const l = await load(storefront.base, CONCURRENCY, SECONDS, requests);
      const v = await rate(CONCURRENCY, SECONDS, () => hasher.verify(hash, PASSWORD));
      logins.push(l.rps);
      verifies.push(v);
      rows.push([String(round), l.rps, l.p50, l.p99, String(l.non2xx + l.errors), v, l.rps / v]);
    }
    rows.push(['median', median(logins), '', '', '', median(verifies), median(logins) / median(verifies)]);
    console.log(`${CONCURRENCY} concurrent logins vs ${CONCURRENCY} concurrent argon2id verifies (${JSON.stringify(new PasswordConfig().argon2)}), ${SECONDS} s each, alternating`);
    printTable(rows);
    console.log(`ratio of medians login/verify: ${(median(logins) / median(verifies)).toFixed(2)} (goal ≥ 0.9)`);
  } finally {
    await storefront.close();
  }
};

runBenchmark(main);
