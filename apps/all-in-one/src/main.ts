import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { appLogger, closeOnSignal, Database, Env, listenOrExit, loadEnvOrExit, migrateOnStart, openDatabaseOrExit, PatronCoreModule, stopAcceptingRequests } from '@patron/config';
import { OutboxRelay } from '@patron/outbox';
import { CustomerFacade } from '@patron/customer';
import { StorefrontApiModule } from '../../storefront-api/src/storefront-api.module';
import { createStorefrontApp, storefrontHttpOptions } from '../../storefront-api/src/storefront.app';
import { WorkerTasksModule } from '../../worker/src/worker-tasks.module';
import { createBackofficeApp, SharedBackofficeAppModule } from '../../backoffice-api/src/backoffice.app';

@Module({})
class AllInOneModule {
  static forRoot(env: Env, database: Database) {
    return {
      module: AllInOneModule,
      imports: [PatronCoreModule.forRoot(env, database), StorefrontApiModule.forRoot(env), WorkerTasksModule.forRoot(env)],
    };
  }
}

/** Storefront API, back-office API and worker in one process, on one database connection pool. */
const main = async () => {
  const started = Date.now();
  const env = loadEnvOrExit();
  const database = await openDatabaseOrExit(env);
  const storefront = await createStorefrontApp(AllInOneModule.forRoot(env, database), storefrontHttpOptions(env, appLogger(env)));
  const backoffice = await createBackofficeApp(SharedBackofficeAppModule.forRoot(env, storefront), appLogger(env), env.TRUST_PROXY);
  closeOnSignal(env, async () => {
    await Promise.all([stopAcceptingRequests(backoffice), stopAcceptingRequests(storefront)]);
    await backoffice.close();
    await storefront.close();
    await database.close();
  });
  await migrateOnStart(storefront, env, database);
  storefront.get(OutboxRelay).start();
  await listenOrExit(storefront, env.STOREFRONT_PORT, 'STOREFRONT_PORT');
  await listenOrExit(backoffice, env.BACKOFFICE_PORT, 'BACKOFFICE_PORT');

  const hasCustomers = await storefront.get(CustomerFacade).hasCustomers();
  const logger = new Logger('Patron');
  logger.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s on ${database.description}`);
  logger.log(`Storefront API   http://localhost:${env.STOREFRONT_PORT}`);
  logger.log(`Back-office API  http://localhost:${env.BACKOFFICE_PORT}/api`);
  logger.log(`Console          http://localhost:${env.BACKOFFICE_PORT}/`);
  if (env.NODE_ENV !== 'production') logger.log(`Mailbox          http://localhost:${env.BACKOFFICE_PORT}/dev/mailbox`);
  logger.log(`Mail: ${env.REDIS_URL ? 'BullMQ on Redis' : 'sent in-process'}, ${env.SMTP_URL ? `over SMTP` : `written to ${env.DATA_DIR}/mail`}`);
  if (!hasCustomers) logger.log(`No customers yet: stop with Ctrl+C and run "npm run demo" (imports 25 demo customers, then starts again)`);
};

void main();
