import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { appLogger, closeOnSignal, listenOrExit, loadEnvOrExit, migrateOnStart, openDatabaseOrExit, stopAcceptingRequests } from '@patron/config';
import { OutboxRelay } from '@patron/outbox';
import { WorkerAppModule } from './worker.app';

const main = async () => {
  const env = loadEnvOrExit();
  const database = await openDatabaseOrExit(env);
  const app = await NestFactory.create(WorkerAppModule.forRoot(env, database), { logger: appLogger(env) });
  closeOnSignal(env, async () => {
    await stopAcceptingRequests(app);
    await app.close();
    await database.close();
  });
  await migrateOnStart(app, env, database);
  app.get(OutboxRelay).start();
  await listenOrExit(app, env.WORKER_PORT, 'WORKER_PORT');
  new Logger('Patron').log(
    `Worker running on ${database.description}: outbox relay and mail delivery (${env.REDIS_URL ? 'BullMQ' : 'in-process'}); health and metrics on http://localhost:${env.WORKER_PORT}`,
  );
};

void main();
