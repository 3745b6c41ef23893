/**
 * Do known and unknown emails answer alike in time? For 200 known and 200 unknown emails: median and p95 of
 * `POST /access-tokens` (wrong password) and `POST /customer-forgotten-password`, and the ratio unknown / known.
 * Needs PostgreSQL (BENCH_DATABASE_URL, default the local server) and Redis (BENCH_REDIS_URL); uses a throw-away
 * database.
 */
import { Argon2idPasswordHasher, PasswordConfig } from '@patron/password';
import { runBenchmark } from './support/run-benchmark';
import { percentile } from './support/stats';
import { importCustomers, startStorefront } from './support/storefront';

const COUNT = 200;

const main = async () => {
  const storefront = await startStorefront('enumeration');
  const { base } = storefront;
  try {
    const hash = await new Argon2idPasswordHasher(new PasswordConfig()).hash('Known-Password1!');
    const known = await importCustomers(storefront.app, COUNT, hash);
    const unknown = Array.from({ length: COUNT }, (_, i) => `unknown${i}@bench.test`);

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
    await storefront.close();
  }
};

runBenchmark(main);
