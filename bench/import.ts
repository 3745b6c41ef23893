/**
 * Customer CSV import throughput. Generates IMPORT_ROWS (default 1,000,000) rows in Spryker's customer import format
 * with one pre-computed bcrypt hash reused for every row, imports them into a fresh database through the built CLI
 * (`node bin/run.js cli import:customers`, the real importer path), then loads the same file with PostgreSQL `COPY` (psql `\copy`)
 * into an equivalent plain table of the same database and prints rows/s of both and their ratio (goal ≥ 20,000 rows/s).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createBenchDatabase } from './support/database';
import { printTable } from './support/stats';
import { runBenchmark } from './support/run-benchmark';

const ROWS = Number(process.env.IMPORT_ROWS ?? 1_000_000);
const GOAL = 20_000;
const ROOT = join(__dirname, '..', '..');
/** bcrypt of "change123", as Spryker exports it. */
const HASH = '$2y$10$BfK63PmaH/mYpHNfVjCIIuDwnMM.q2ZyjzUAjZTXPmAEiXPoqsXdy';
const HEADER = 'customer_reference,locale_name,phone,email,salutation,first_name,last_name,company,gender,date_of_birth,password,registered';
const FIRST = ['Anna', 'Zoë', 'Jürgen', 'Renée', 'José', 'Björn', 'Mia', 'Noah'];
const LAST = ['Müller', 'Schmidt', 'Weber', 'Núñez', 'García', 'Dubois', 'Nowak', 'Smith'];

const writeCsv = async (file: string) => {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${HEADER}\n`);
  let chunk = '';
  for (let i = 1; i <= ROWS; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i >> 3) % LAST.length];
    const female = i % 2 === 0;
    chunk += `DE--${i},${i % 4 ? 'de_DE' : 'en_US'},,customer${i}@example.com,${female ? 'Ms' : 'Mr'},${first},${last},,${female ? 'Female' : 'Male'},,${HASH},2020-06-24\n`;
    if (i % 10_000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'patron-bench-import-'));
  const file = join(dir, 'customers.csv');
  await writeCsv(file);
  const db = await createBenchDatabase('import');
  try {
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: db.url, MIGRATE_ON_START: 'true', DATA_DIR: dir,
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789' };
    execFileSync(process.execPath, ['bin/run.js', 'cli', 'migrate'], { cwd: ROOT, env, stdio: 'ignore' });
    let started = process.hrtime.bigint();
    const output = execFileSync(process.execPath, ['bin/run.js', 'cli', 'import:customers', file], { cwd: ROOT, env, maxBuffer: 1 << 26 }).toString();
    const importSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(output.split('\n').slice(0, 3).join('\n') + '\n');

    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`create table customer_copy (customer_reference text primary key, locale_name text, phone text, email text unique,
      salutation text, first_name text, last_name text, company text, gender text, date_of_birth date, password text, registered date)`);
    started = process.hrtime.bigint();
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', db.url, '-c', `\\copy customer_copy from '${file}' with (format csv, header true)`]);
    const copySeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { rows } = await client.query('select (select count(*) from customer)::int as imported, (select count(*) from customer_copy)::int as copied');
    await client.end();

    const importRate = ROWS / importSeconds;
    const copyRate = ROWS / copySeconds;
    printTable([
      ['path', 'rows', 'seconds', 'rows/s'],
      ['cli import:customers (process start included)', rows[0].imported, importSeconds, importRate],
      ['COPY into an equivalent table', rows[0].copied, copySeconds, copyRate],
    ]);
    console.log(`import / COPY: ${(importRate / copyRate).toFixed(3)}; goal ≥ ${GOAL} rows/s: ${importRate >= GOAL ? 'met' : 'missed'}`);
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
};

runBenchmark(main);
