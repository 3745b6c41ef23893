import { MikroORM, Options } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { PGliteDriver as PGliteDriverType } from 'mikro-orm-pglite';
import { join } from 'node:path';
import { EmbeddedDatabase } from './embedded-database';
import { Env } from './env';
import { ensureDatabaseExists, migrateWithLock, pendingMigrations } from './migrate';
import { mikroOrmOptions } from './mikro-orm';

/** Where Patron keeps its data: a PostgreSQL server, or the embedded PGlite under DATA_DIR. */
export interface Database {
  readonly kind: 'postgres' | 'embedded';
  /** For logs: the server and database, or the data directory. */
  readonly description: string;
  readonly ormOptions: Options;
  /** Creates the database on a server that lacks it (no-op for the embedded one). */
  prepare(): Promise<void>;
  /** Applies pending migrations, exclusively (advisory lock, or the embedded directory's lock). */
  migrate(orm: MikroORM): Promise<string[]>;
  /** Releases what `openDatabase` opened; call after the ORM closed. */
  close(): Promise<void>;
}

export interface PostgresOptions {
  poolMax?: number;
  /** See `DatabaseOptions.queryTimeoutMs`; migrations always run without it. */
  queryTimeoutMs?: number;
}

/** A PostgreSQL server's database. */
export const postgresDatabase = (databaseUrl: string, { poolMax, queryTimeoutMs = 0 }: PostgresOptions = {}): Database => {
  const url = new URL(databaseUrl);
  return {
    kind: 'postgres',
    description: `PostgreSQL at ${url.host}${url.pathname}`,
    ormOptions: mikroOrmOptions({ databaseUrl, poolMax, queryTimeoutMs }),
    prepare: async () => void (await ensureDatabaseExists(databaseUrl)),
    migrate: async (orm) => {
      // The usual start has nothing to apply: no lock is taken and the migrator is never loaded.
      if ((await pendingMigrations(orm)).length === 0) return [];
      if (!queryTimeoutMs) return migrateWithLock(orm, databaseUrl);
      // Building an index on a large table takes longer than any request may: pending migrations get their own
      // connection without the limit.
      const unlimited = await MikroORM.init(mikroOrmOptions({ databaseUrl, poolMax: 1 }));
      try {
        return await migrateWithLock(unlimited, databaseUrl);
      } finally {
        await unlimited.close();
      }
    },
    close: async () => undefined,
  };
};

/**
 * The embedded PostgreSQL (PGlite) in `directory`, locked for this process.
 * @throws DataDirectoryInUseError while another process holds it
 */
export const embeddedDatabase = (directory: string): Database => {
  const embedded = EmbeddedDatabase.open(directory);
  const base = mikroOrmOptions({ databaseUrl: 'postgresql://embedded/postgres', poolMax: 1 });
  return {
    kind: 'embedded',
    description: `embedded PostgreSQL in ${embedded.directory}`,
    ormOptions: {
      ...base,
      driver: (require('mikro-orm-pglite') as { PGliteDriver: typeof PGliteDriverType }).PGliteDriver,
      clientUrl: undefined,
      dbName: 'postgres',
      driverOptions: { connection: { pglite: () => embedded.pglite } },
    } as unknown as Options,
    prepare: async () => undefined,
    migrate: async (orm) => ((await pendingMigrations(orm)).length ? (await orm.getMigrator().up()).map((m) => m.name) : []),
    close: () => embedded.close(),
  };
};

/**
 * The database the environment names: DATABASE_URL, or else the embedded one under DATA_DIR/pglite. `serving`: for a
 * process answering requests or jobs, whose statements are limited to DB_QUERY_TIMEOUT_MS.
 */
export const openDatabase = (env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR' | 'DB_QUERY_TIMEOUT_MS'>, serving = false): Database =>
  env.DATABASE_URL
    ? postgresDatabase(env.DATABASE_URL, { queryTimeoutMs: serving ? env.DB_QUERY_TIMEOUT_MS : 0 })
    : embeddedDatabase(join(env.DATA_DIR, 'pglite'));

export type { PostgreSqlDriver };
