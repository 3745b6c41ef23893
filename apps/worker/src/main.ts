import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { closeOnSignal, loadEnvOrExit, appLogger, migrateOnStart, openDatabaseOrExit } from '@patron/config';
import { OutboxRelay } from '@patron/outbox';
import { WorkerAppModule } from './worker.app';

const main = async () => {
  const env = loadEnvOrExit();
  const database = await openDatabaseOrExit(env);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(env, database), { logger: appLogger(env) });
  closeOnSignal(async () => {
    await app.close();
    await database.close();
  });
  await migrateOnStart(app, env, database);
  app.get(OutboxRelay).start();
  new Logger('Patron').log(`Worker running on ${database.description}: outbox relay and mail delivery (${env.REDIS_URL ? 'BullMQ' : 'in-process'})`);
};

void main();
