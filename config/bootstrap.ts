import { MikroORM } from '@mikro-orm/core';
import { ConsoleLogger, ConsoleLoggerOptions, INestApplicationContext, Logger, LoggerService, LogLevel } from '@nestjs/common';
import { Database, openDatabase } from './database';
import { DataDirectoryInUseError } from './embedded-database';
import { Env, InvalidEnvironmentError, loadEnv } from './env';

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

/**
 * Opens the configured database before the app connects, or exits with a clear message: the embedded directory is
 * held by another process, or the server cannot be reached. With MIGRATE_ON_START, a missing database is created.
 */
export const openDatabaseOrExit = async (env: Env): Promise<Database> => {
  let database: Database | undefined;
  try {
    database = openDatabase(env);
    if (env.MIGRATE_ON_START) await database.prepare();
    return database;
  } catch (error) {
    await database?.close();
    if (error instanceof DataDirectoryInUseError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(75);
    }
    const where = env.DATABASE_URL ? new URL(env.DATABASE_URL) : undefined;
    process.stderr.write(
      `Cannot open the database${where ? ` at ${where.host}${where.pathname} (DATABASE_URL)` : ''}: ${(error as Error).message}\n`,
    );
    process.exit(69);
  }
};

/** Applies pending migrations when MIGRATE_ON_START is on. */
export const migrateOnStart = async (app: INestApplicationContext, env: Env, database: Database): Promise<void> => {
  if (!env.MIGRATE_ON_START) return;
  const applied = await database.migrate(app.get(MikroORM));
  if (applied.length) new Logger('Migrations').log(`Applied ${applied.join(', ')}`);
};

/** On SIGINT or SIGTERM: close the apps (active work finishes), then the database, then exit. */
export const closeOnSignal = (close: () => Promise<void>): void => {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    new Logger('Patron').log(`${signal} received, shutting down`);
    close()
      .catch((error: unknown) => new Logger('Patron').error(`Shutdown failed: ${(error as Error).message}`))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
};

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's start-up chatter (modules loaded, routes mapped), shown only from LOG_LEVEL=debug on. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

class PatronLogger extends ConsoleLogger {
  constructor(private readonly quietStartUp: boolean, options: ConsoleLoggerOptions) {
    super(options);
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (this.quietStartUp && typeof context === 'string' && START_UP_CONTEXTS.has(context)) return;
    super.log(message, ...rest);
  }
}

/** The app logger: LOG_LEVEL decides the levels (`log` includes warn and error); JSON lines in production. */
export const appLogger = (env: Env): LoggerService => {
  const levels = LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL) + 1);
  return new PatronLogger(!levels.includes('debug'), { logLevels: levels, json: env.NODE_ENV === 'production' });
};

/** Listens on `port`, or exits with one clear line when the port is taken. */
export const listenOrExit = async (app: { listen(port: number): Promise<unknown> }, port: number, what: string): Promise<void> => {
  try {
    await app.listen(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`Port ${port} (${what}) is already in use: stop what uses it or choose another port.\n`);
    process.exit(98);
  }
};
