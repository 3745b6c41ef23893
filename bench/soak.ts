/**
 * Soak: two storefront API processes and two worker processes (`node bin/run.js <app>`) on one PostgreSQL and Redis,
 * under mixed load (register, confirm, login, profile read and update, forgotten password, address create, list,
 * update, delete) for SOAK_MINUTES (default 10). At the end: errors (must be none), mails expected vs received
 * (none lost; duplicates counted), and the RSS of every process, first minute vs last minute. Not part of CI.
 *
 * SOAK_USERS concurrent shoppers (default 8). Needs PostgreSQL (BENCH_DATABASE_URL) and Redis (BENCH_REDIS_URL);
 * uses a throw-away database and queue prefix, and a counting SMTP server in its own process.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { BENCH_REDIS_URL, createBenchDatabase } from './support/database';
import { SmtpCounter } from './support/smtp-counter-client';
import { printTable } from './support/stats';
import { deleteRedisKeys } from './support/redis-keys';
import { runBenchmark } from './support/run-benchmark';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const USERS = Number(process.env.SOAK_USERS ?? 8);
const ROOT = join(__dirname, '..', '..');
const PASSWORD = 'Correct-Horse7!';
const JSON_API = { 'Content-Type': 'application/vnd.api+json' };

interface Proc {
  name: string;
  child: ChildProcess;
  port: number;
  output: string;
  rss: { at: number; kb: number }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const startProcess = (name: string, app: string, port: number, env: Record<string, string>): Proc => {
  const child = spawn(process.execPath, ['bin/run.js', app], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: Proc = { name, child, port, output: '', rss: [] };
  const keep = (chunk: Buffer) => (proc.output = (proc.output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return proc;
};

const waitLive = async (proc: Proc): Promise<void> => {
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`http://127.0.0.1:${proc.port}/health/live`).then((r) => r.ok, () => false))) {
    if (proc.child.exitCode !== null || Date.now() > deadline) throw new Error(`${proc.name} did not start:\n${proc.output}`);
    await sleep(200);
  }
};

const rssKb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

const freePort = async (): Promise<number> => {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as import('node:net').AddressInfo;
      server.close(() => resolve(port));
    });
  });
};

/** Outcome counts per operation: expected status or not. */
class Tally {
  readonly ok = new Map<string, number>();
  readonly errors = new Map<string, number>();
  readonly samples: string[] = [];

  record(operation: string, status: number, expected: number, body: string): void {
    if (status === expected) this.ok.set(operation, (this.ok.get(operation) ?? 0) + 1);
    else {
      this.errors.set(operation, (this.errors.get(operation) ?? 0) + 1);
      if (this.samples.length < 10) this.samples.push(`${operation}: ${status} ${body.slice(0, 300)}`);
    }
  }
}

const main = async () => {
  const db = await createBenchDatabase('soak');
  const sink = await SmtpCounter.start();
  const prefix = db.name;
  const base = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: sink.url,
    JWT_SECRET: 'soak-secret-that-is-long-enough-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-soak-')),
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    FORGOTTEN_PASSWORD_LIMIT_PER_IP: '1000000',
    LOGIN_FAILURE_LIMIT: '1000000',
  };
  execFileSync(process.execPath, ['bin/run.js', 'cli', 'migrate'], { cwd: ROOT, env: base, stdio: 'ignore' });
  const procs: Proc[] = [];
  let failed = true;
  const sql = new Client({ connectionString: db.url });
  try {
    for (let i = 1; i <= 2; i++) {
      const port = await freePort();
      procs.push(startProcess(`storefront ${i}`, 'storefront-api', port, { ...base, STOREFRONT_PORT: String(port), STOREFRONT_URL: 'http://shop.example' }));
    }
    for (let i = 1; i <= 2; i++) {
      const port = await freePort();
      procs.push(startProcess(`worker ${i}`, 'worker', port, { ...base, WORKER_PORT: String(port), STOREFRONT_URL: 'http://shop.example' }));
    }
    await Promise.all(procs.map(waitLive));
    await sql.connect();
    const storefronts = procs.filter((p) => p.name.startsWith('storefront')).map((p) => `http://127.0.0.1:${p.port}`);

    const started = Date.now();
    const sampler = setInterval(() => {
      for (const p of procs) if (p.child.exitCode === null) p.rss.push({ at: Date.now() - started, kb: rssKb(p.child.pid!) });
    }, 5_000);
    const tally = new Tally();
    const end = started + MINUTES * 60_000;
    let users = 0;
    let unconfirmed = 0;

    const call = async (url: string, operation: string, expected: number, method: string, path: string, body?: unknown, token?: string) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...JSON_API, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).catch((error: Error) => ({ status: 0, text: async () => error.message }) as Response);
      const text = await response.text();
      tally.record(operation, response.status, expected, text);
      try {
        return { status: response.status, json: text ? JSON.parse(text) : undefined };
      } catch {
        return { status: response.status, json: undefined };
      }
    };
    const doc = (type: string, attributes: Record<string, unknown>) => ({ data: { type, attributes } });
    const address = (city: string) => doc('addresses', {
      salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', address1: 'Main Street', address2: '1', zipCode: '10115', city,
      iso2Code: 'DE', isDefaultShipping: true, isDefaultBilling: true,
    });

    const shopper = async (slot: number) => {
      while (Date.now() < end) {
        const url = storefronts[(slot + users) % storefronts.length];
        const email = `soak${++users}.${Date.now().toString(36)}@example.com`;
        const created = await call(url, 'register', 201, 'POST', '/customers', doc('customers', {
          salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', email, gender: 'Female', password: PASSWORD, confirmPassword: PASSWORD, acceptedTerms: true,
        }));
        if (created.status !== 201) continue;
        const ref = created.json.data.id as string;
        let key: string | null = null;
        for (const waitUntil = Date.now() + 60_000; !key && Date.now() < waitUntil; ) {
          key = await sink.token(email);
          if (!key) await sleep(100);
        }
        if (!key) {
          unconfirmed++;
          continue;
        }
        await call(url, 'confirm', 204, 'POST', '/customer-confirmation', doc('customer-confirmation', { registrationKey: key }));
        const login = await call(url, 'login', 201, 'POST', '/access-tokens', doc('access-tokens', { username: email, password: PASSWORD }));
        if (login.status !== 201) continue;
        const token = login.json.data.attributes.accessToken as string;
        for (let round = 0; round < 3 && Date.now() < end; round++) {
          await call(url, 'profile read', 200, 'GET', `/customers/${ref}`, undefined, token);
          await call(url, 'profile update', 200, 'PATCH', `/customers/${ref}`, { data: { type: 'customers', id: ref, attributes: { firstName: `Ada${round}` } } }, token);
          const added = await call(url, 'address create', 201, 'POST', `/customers/${ref}/addresses`, address('Berlin'), token);
          await call(url, 'address list', 200, 'GET', `/customers/${ref}/addresses`, undefined, token);
          if (added.status === 201) {
            const id = added.json.data.id as string;
            await call(url, 'address update', 200, 'PATCH', `/customers/${ref}/addresses/${id}`, { data: { type: 'addresses', id, attributes: { city: 'Hamburg' } } }, token);
            await call(url, 'address delete', 204, 'DELETE', `/customers/${ref}/addresses/${id}`, undefined, token);
          }
        }
        await call(url, 'forgotten password', 204, 'POST', '/customer-forgotten-password', doc('customer-forgotten-password', { email }));
      }
    };
    const progress = setInterval(async () => {
      const c = await sink.count();
      console.log(`${((Date.now() - started) / 60_000).toFixed(1)} min: ${users} shoppers, ${[...tally.ok.values()].reduce((a, b) => a + b, 0)} requests ok, ${[...tally.errors.values()].reduce((a, b) => a + b, 0)} errors, ${c.count} mails`);
    }, 30_000);
    await Promise.all(Array.from({ length: USERS }, (_, slot) => shopper(slot)));
    clearInterval(progress);

    // Some mails are written just after their answer (a password reset request): let those land, then let the
    // workers drain the outbox.
    await sleep(2_000);
    let outbox: { status: string; n: number }[] = [];
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(500)) {
      outbox = (await sql.query(`select status, count(*)::int as n from outbox_message group by status`)).rows;
      if (outbox.every((r) => r.status === 'delivered')) break;
    }
    await sleep(3_000);
    clearInterval(sampler);
    const elapsedMin = (Date.now() - started) / 60_000;
    const expected = outbox.reduce((sum, r) => sum + r.n, 0);
    const mails = await sink.count();
    const exited = procs.filter((p) => p.child.exitCode !== null || p.child.signalCode !== null);

    console.log(`\nSoak: ${MINUTES} min of load (${elapsedMin.toFixed(1)} min with the drain), ${USERS} concurrent shoppers, ${users} shoppers in all; 2 storefront + 2 worker processes`);
    printTable([
      ['operation', 'ok', 'errors'],
      ...[...new Set([...tally.ok.keys(), ...tally.errors.keys()])].map((op) => [op, String(tally.ok.get(op) ?? 0), String(tally.errors.get(op) ?? 0)]),
    ]);
    const errors = [...tally.errors.values()].reduce((a, b) => a + b, 0) + unconfirmed + exited.length;
    console.log(`errors: ${errors === 0 ? 'none (ok)' : `${errors} (FAILED)`}${unconfirmed ? `, ${unconfirmed} confirmation mails not seen within 60 s` : ''}${exited.length ? `, exited: ${exited.map((p) => p.name).join(', ')}` : ''}`);
    for (const sample of tally.samples) console.log(`  ${sample}`);
    const lost = expected - mails.distinct;
    const mailsOk = lost === 0 && outbox.every((r) => r.status === 'delivered');
    console.log(`mails: ${expected} expected (outbox rows: ${outbox.map((r) => `${r.status} ${r.n}`).join(', ')}), ${mails.distinct} distinct received, ${lost} lost, ${mails.duplicates} duplicates ${mailsOk ? '(ok)' : '(FAILED)'}`);
    failed = errors > 0 || !mailsOk;

    const minute = (p: Proc, from: number, to: number) => {
      const values = p.rss.filter((s) => s.at >= from && s.at < to).map((s) => s.kb);
      return values.length ? values.reduce((a, b) => a + b, 0) / values.length / 1024 : NaN;
    };
    const loadEnd = MINUTES * 60_000;
    console.log('\nRSS (MB), mean of 5-second samples');
    printTable([
      ['process', 'first minute', 'last minute of load', 'max', 'last / first'],
      ...procs.map((p) => {
        const [first, last] = [minute(p, 0, 60_000), minute(p, loadEnd - 60_000, loadEnd)];
        return [p.name, first, last, Math.max(...p.rss.map((s) => s.kb)) / 1024, last / first];
      }),
    ]);
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await sleep(2_000);
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await sql.end().catch(() => undefined);
    await deleteRedisKeys(BENCH_REDIS_URL, prefix).catch(() => undefined);
    rmSync(base.DATA_DIR, { recursive: true, force: true });
    sink.stop();
    await db.drop();
  }
  if (failed) throw new Error('Soak FAILED: see the errors and mails lines above');
};

runBenchmark(main);
