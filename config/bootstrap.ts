import { MikroORM } from '@mikro-orm/core';
import { INestApplicationContext, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
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
 * `serving` (the APIs and the worker): statements are limited to DB_QUERY_TIMEOUT_MS; the CLI passes false.
 */
export const openDatabaseOrExit = async (env: Env, serving = true): Promise<Database> => {
  let database: Database | undefined;
  try {
    database = openDatabase(env, serving);
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

/**
 * Stops taking requests and waits for the ones in flight (keep-alive connections are closed as soon as they are
 * idle). The rest of the shutdown (`app.close()`) then stops the relay and the mail jobs and closes the connections.
 */
export const stopAcceptingRequests = (app: { getHttpServer(): Server }): Promise<void> =>
  new Promise((resolve) => {
    const server = app.getHttpServer();
    if (!server.listening) return resolve();
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });

/**
 * On SIGINT or SIGTERM: runs `close` (stop taking work, let requests and jobs in flight finish, close the queue,
 * Redis and the database) and exits 0; exits 1 if that takes longer than SHUTDOWN_TIMEOUT_MS.
 */
export const closeOnSignal = (env: Pick<Env, 'SHUTDOWN_TIMEOUT_MS'>, close: () => Promise<void>): void => {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const logger = new Logger('Patron');
    logger.log(`${signal} received, shutting down`);
    const timer = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${env.SHUTDOWN_TIMEOUT_MS} ms (SHUTDOWN_TIMEOUT_MS); exiting`);
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    close()
      .then(() => {
        logger.log('Shut down');
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${(error as Error).message}`);
        process.exitCode = 1;
      })
      .finally(() => {
        clearTimeout(timer);
        process.exit();
      });
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
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
