import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnvOrExit, logLevels, migrateOnStart, prepareDatabase } from '@patron/config';
import { OutboxRelay } from '@patron/outbox';
import { WorkerAppModule } from './worker.app';

const main = async () => {
  const env = loadEnvOrExit();
  await prepareDatabase(env);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(env), { logger: logLevels(env) });
  app.enableShutdownHooks();
  await migrateOnStart(app, env);
  app.get(OutboxRelay).start();
  new Logger('Patron').log('Worker running: outbox relay and mail processor');
};

void main();
