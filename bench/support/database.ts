import { Client } from 'pg';

/** The PostgreSQL server benchmarks use (BENCH_DATABASE_URL; any database on it, only the server matters). */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  name: string;
  url: string;
  /** Drops the database, ending whatever is still connected to it. */
  drop(): Promise<void>;
}

const withAdmin = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: BENCH_SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

/** A new, empty database for one benchmark run (the app's migrations create its schema). */
export const createBenchDatabase = async (label: string): Promise<BenchDatabase> => {
  const name = `patron_bench_${label.replace(/[^a-z0-9]/gi, '_')}_${Date.now().toString(36)}`;
  await withAdmin((c) => c.query(`create database "${name}"`));
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined) };
};
