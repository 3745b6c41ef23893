import { MikroORM } from '@mikro-orm/core';
import type { ClientConfig, Client as PgClient } from 'pg';

/**
 * A plain `pg` client for the lock and the database check. Required when used: a serving process has the copy of
 * `pg` that MikroORM's driver uses and does not need this one.
 */
const pgClient = (config: ClientConfig): PgClient => new (require('pg') as typeof import('pg')).Client(config);

/** Arbitrary constant shared by every Patron process: the key of the migration advisory lock. */
const MIGRATION_LOCK_KEY = 7_314_159_265;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so processes starting together run them
 * once and the others wait, then find nothing to do. Returns the names of the migrations applied here.
 */
export const migrateWithLock = async (orm: MikroORM, databaseUrl: string): Promise<string[]> => {
  const lock = pgClient({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
};

export { pendingMigrations } from '@patron/ops';

/** Creates the database named in `databaseUrl` when the server does not have it yet (first start on a fresh server). */
export const ensureDatabaseExists = async (databaseUrl: string): Promise<boolean> => {
  const probe = pgClient({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = pgClient({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // Created by a process starting alongside: "already exists", or the catalog's unique index when both raced.
    if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await admin.end();
  }
  return true;
};
