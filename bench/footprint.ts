/**
 * Cold start and idle memory of each app as ops run it (`node <flags of npm start> bin/run.js <app>` from dist) on PostgreSQL and Redis,
 * with the default MIGRATE_ON_START on a database migrated beforehand (each start finds nothing to apply).
 * Per run: spawn to the first 200 from `/health/live` (all apps, the worker included, answer it), then RSS 5 s after
 * ready, read from /proc (VmRSS; no forced GC).
 * FOOTPRINT_RUNS (default 5) runs per app, medians printed against the all-in-one goal (≤ 1.5 s, ≤ 150 MB).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_REDIS_URL, createBenchDatabase } from './support/database';
import { median, printTable } from './support/stats';
import { deleteRedisKeys } from './support/redis-keys';
import { runBenchmark } from './support/run-benchmark';

const RUNS = Number(process.env.FOOTPRINT_RUNS ?? 5);
const SETTLE_MS = 5_000;
const ROOT = join(__dirname, '..', '..');
const APPS = ['storefront-api', 'backoffice-api', 'worker', 'all-in-one'] as const;
// Below Linux's ephemeral range (32768–60999): polling a port in it before the app listens can connect the client to
// itself (its own source port picked as the target), and the app then finds the port taken.
const PORTS = { storefront: 29300, backoffice: 29301, worker: 29302 };
const LIVE_PORT = { 'storefront-api': PORTS.storefront, 'backoffice-api': PORTS.backoffice, worker: PORTS.worker, 'all-in-one': PORTS.storefront };

/** The node flags `npm start` runs the apps with (package.json; the Docker image uses the same), so that the figures are those of what users run. */
const NODE_FLAGS = /node ((?:--\S+ )*)bin\/run\.js/.exec(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start)![1].split(' ').filter(Boolean);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
};

const measure = async (app: (typeof APPS)[number], env: Record<string, string>) => {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...NODE_FLAGS, 'bin/run.js', app], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${app} exited at start:\n${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${LIVE_PORT[app]}/health/live`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(10);
    }
    const startMs = Number(process.hrtime.bigint() - started) / 1e6;
    await sleep(SETTLE_MS);
    return { startMs, rss: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
};

const main = async () => {
  const db = await createBenchDatabase('footprint');
  const dataDir = mkdtempSync(join(tmpdir(), 'patron-bench-footprint-'));
  const env = {
    PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_FORMAT: 'json', DATABASE_URL: db.url, REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: `patron_bench_footprint_${Date.now().toString(36)}`, DATA_DIR: dataDir,
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
    STOREFRONT_PORT: String(PORTS.storefront), BACKOFFICE_PORT: String(PORTS.backoffice), WORKER_PORT: String(PORTS.worker),
  };
  try {
    execFileSync(process.execPath, ['bin/run.js', 'cli', 'migrate'], { cwd: ROOT, env, stdio: 'ignore' });
    const rows: (string | number)[][] = [['app', 'start p50 ms', 'start min ms', 'idle RSS p50 MB', 'RSS min MB']];
    for (const app of APPS) {
      const results = [];
      for (let run = 0; run < RUNS; run++) results.push(await measure(app, env));
      const starts = results.map((r) => r.startMs);
      const rss = results.map((r) => r.rss);
      rows.push([app, median(starts), Math.min(...starts), median(rss), Math.min(...rss)]);
    }
    printTable(rows);
    const all = rows[rows.length - 1] as [string, number, number, number, number];
    console.log(`all-in-one against the goal: start ${(all[1] / 1500).toFixed(2)}× of 1.5 s, RSS ${(all[3] / 150).toFixed(2)}× of 150 MB`);
  } finally {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
    await deleteRedisKeys(BENCH_REDIS_URL, env.QUEUE_PREFIX).catch(() => undefined);
  }
};

runBenchmark(main);
