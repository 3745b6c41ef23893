import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { appLogger, closeOnSignal, listenOrExit, loadEnvOrExit, migrateOnStart, openDatabaseOrExit, stopAcceptingRequests } from '@patron/config';
import { BackofficeAppModule, createBackofficeApp } from './backoffice.app';

const main = async () => {
  const env = loadEnvOrExit();
  const database = await openDatabaseOrExit(env);
  const app = await createBackofficeApp(BackofficeAppModule.forRoot(env, database), appLogger(env), env.TRUST_PROXY);
  closeOnSignal(env, async () => {
    await stopAcceptingRequests(app);
    await app.close();
    await database.close();
  });
  await migrateOnStart(app, env, database);
  await listenOrExit(app, env.BACKOFFICE_PORT, 'BACKOFFICE_PORT');
  new Logger('Patron').log(`Back-office API on http://localhost:${env.BACKOFFICE_PORT}/api (${database.description})`);
};

void main();
