import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnvOrExit, logLevels, migrateOnStart, prepareDatabase } from '@patron/config';
import { BackofficeAppModule } from './backoffice.app';

const main = async () => {
  const env = loadEnvOrExit();
  await prepareDatabase(env);
  const app = await NestFactory.create(BackofficeAppModule.forRoot(env), { logger: logLevels(env) });
  app.enableShutdownHooks();
  await migrateOnStart(app, env);
  await app.listen(env.BACKOFFICE_PORT);
  new Logger('Patron').log(`Back-office API on http://localhost:${env.BACKOFFICE_PORT}/api`);
};

void main();
