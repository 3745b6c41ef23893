import { Module } from '@nestjs/common';
import { Database, Env, PatronCoreModule } from '@patron/config';
import { HealthController, MetricsController } from '@patron/ops';
import { WorkerTasksModule } from './worker-tasks.module';

/** The worker process: the outbox relay and mail delivery, with /health and /metrics on WORKER_PORT. */
@Module({})
export class WorkerAppModule {
  static forRoot(env: Env, database: Database) {
    return {
      module: WorkerAppModule,
      imports: [PatronCoreModule.forRoot(env, database), WorkerTasksModule.forRoot(env)],
      controllers: [HealthController, MetricsController],
    };
  }
}
