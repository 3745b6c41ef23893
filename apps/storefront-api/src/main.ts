import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { appLogger, closeOnSignal, listenOrExit, loadEnvOrExit, migrateOnStart, openDatabaseOrExit, stopAcceptingRequests } from '@patron/config';
import { createStorefrontApp, StorefrontAppModule, storefrontHttpOptions } from './storefront.app';

const main = async () => {
  const env = loadEnvOrExit();
  const database = await openDatabaseOrExit(env);
  const app = await createStorefrontApp(StorefrontAppModule.forRoot(env, database), storefrontHttpOptions(env, appLogger(env)));
  closeOnSignal(env, async () => {
    await stopAcceptingRequests(app);
    await app.close();
    await database.close();
  });
  await migrateOnStart(app, env, database);
  await listenOrExit(app, env.STOREFRONT_PORT, 'STOREFRONT_PORT');
  new Logger('Patron').log(`Storefront API on http://localhost:${env.STOREFRONT_PORT} (${database.description})`);
};

void main();
