/**
 * Registrations per second through `POST /customers` (validation, argon2id hash, customer row and outbox mail row)
 * against the raw argon2id hash rate with the project's parameters, both with every libuv thread busy, in
 * alternating rounds; prints each round, the medians and their ratio. Fresh throw-away database.
 */
import { Argon2idPasswordHasher, PasswordConfig } from '@patron/password';
import { loadInProcess, rate } from './support/load';
import { median, printTable } from './support/stats';
import { JSON_API, startStorefront } from './support/storefront';
import { runBenchmark } from './support/run-benchmark';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONCURRENCY = Math.max(8, Number(process.env.UV_THREADPOOL_SIZE ?? 4) * 2);
const PASSWORD = 'Known-Password1!';

const main = async () => {
  const storefront = await startStorefront('register', { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  try {
    const hasher = new Argon2idPasswordHasher(new PasswordConfig());
    let n = 0;
    const requests = [{
      method: 'POST' as const, path: '/customers', headers: JSON_API,
      setupRequest: (request: import('autocannon').Request) => ({
        ...request,
        body: JSON.stringify({ data: { type: 'customers', attributes: {
          salutation: 'Ms', firstName: 'Bench', lastName: 'Mark', email: `reg${n++}-${Date.now()}@bench.test`, gender: 'Female',
          password: PASSWORD, confirmPassword: PASSWORD, acceptedTerms: true,
        } } }),
      }),
    }];
    const rows: (string | number)[][] = [['round', 'register/s', 'p50 ms', 'p99 ms', 'non-2xx', 'hash/s', 'ratio']];
    const registers: number[] = [];
    const hashes: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const r = await loadInProcess(storefront.base, CONCURRENCY, SECONDS, requests);
      const h = await rate(CONCURRENCY, SECONDS, () => hasher.hash(PASSWORD));
      registers.push(r.rps);
      hashes.push(h);
      rows.push([String(round), r.rps, r.p50, r.p99, String(r.non2xx + r.errors), h, r.rps / h]);
    }
    rows.push(['median', median(registers), '', '', '', median(hashes), median(registers) / median(hashes)]);
    console.log(`${CONCURRENCY} concurrent registrations vs ${CONCURRENCY} concurrent argon2id hashes, ${SECONDS} s each, alternating`);
    printTable(rows);
    console.log(`ratio of medians register/hash: ${(median(registers) / median(hashes)).toFixed(2)}`);
  } finally {
    await storefront.close();
  }
};

runBenchmark(main);
