import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Env, loadEnvOrExit, logLevels, migrateOnStart, prepareDatabase, PatronCoreModule } from '@patron/config';
import { OutboxRelay } from '@patron/outbox';
import { StorefrontApiModule } from '../../storefront-api/src/storefront-api.module';
import { createStorefrontApp } from '../../storefront-api/src/storefront.app';
import { WorkerTasksModule } from '../../worker/src/worker-tasks.module';
import { BackofficeAppModule } from '../../backoffice-api/src/backoffice.app';

@Module({})
class AllInOneModule {
  static forRoot(env: Env) {
    return {
      module: AllInOneModule,
      imports: [PatronCoreModule.forRoot(env), StorefrontApiModule.forRoot(env), WorkerTasksModule.forRoot(env)],
    };
  }
}

/** Storefront API, back-office API and worker in one process. */
const main = async () => {
  const env = loadEnvOrExit();
  await prepareDatabase(env);
  const storefront = await createStorefrontApp(AllInOneModule.forRoot(env), logLevels(env), env.CORS_ORIGINS);
  await migrateOnStart(storefront, env);
  storefront.get(OutboxRelay).start();
  await storefront.listen(env.STOREFRONT_PORT);
  const backoffice = await NestFactory.create(BackofficeAppModule.forRoot(env), { logger: logLevels(env) });
  backoffice.enableShutdownHooks();
  await backoffice.listen(env.BACKOFFICE_PORT);
  const logger = new Logger('Patron');
  logger.log(`Storefront API  http://localhost:${env.STOREFRONT_PORT}`);
  logger.log(`Back-office API http://localhost:${env.BACKOFFICE_PORT}/api`);
  logger.log('Worker running: outbox relay and mail processor');
};

void main();
