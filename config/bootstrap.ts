import { MikroORM } from '@mikro-orm/postgresql';
import { INestApplicationContext, Logger, LogLevel } from '@nestjs/common';
import { Env, InvalidEnvironmentError, loadEnv } from './env';
import { ensureDatabaseExists, migrateWithLock } from './migrate';

/** Loads the environment or exits with the list of bad variables (no stack trace). */
export const loadEnvOrExit = (): Env => {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
};

/** Applies pending migrations (under the advisory lock) when MIGRATE_ON_START is on. */
export const migrateOnStart = async (app: INestApplicationContext, env: Env): Promise<void> => {
  if (!env.MIGRATE_ON_START) return;
  const applied = await migrateWithLock(app.get(MikroORM), env.DATABASE_URL);
  if (applied.length) new Logger('Migrations').log(`Applied ${applied.join(', ')}`);
};

/** Log levels from LOG_LEVEL (`log` includes warn and error). */
export const logLevels = (env: Env): LogLevel[] => {
  const order: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(env.LOG_LEVEL) + 1);
};

/**
 * Before the app connects: with MIGRATE_ON_START on, create the database when the server lacks it. Exits with a
 * clear message when the database server cannot be reached.
 */
export const prepareDatabase = async (env: Env): Promise<void> => {
  if (!env.MIGRATE_ON_START) return;
  try {
    if (await ensureDatabaseExists(env.DATABASE_URL)) new Logger('Migrations').log('Created the database');
  } catch (error) {
    const where = new URL(env.DATABASE_URL);
    process.stderr.write(`Cannot reach PostgreSQL at ${where.host}${where.pathname} (DATABASE_URL): ${(error as Error).message}\n`);
    process.exit(69);
  }
};
