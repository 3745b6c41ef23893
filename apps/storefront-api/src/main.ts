import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadEnvOrExit, logLevels, migrateOnStart, prepareDatabase } from '@patron/config';
import { createStorefrontApp, StorefrontAppModule } from './storefront.app';

const main = async () => {
  const env = loadEnvOrExit();
  await prepareDatabase(env);
  const app = await createStorefrontApp(StorefrontAppModule.forRoot(env), logLevels(env), env.CORS_ORIGINS);
  await migrateOnStart(app, env);
  await app.listen(env.STOREFRONT_PORT);
  new Logger('Patron').log(`Storefront API on http://localhost:${env.STOREFRONT_PORT}`);
};

void main();
