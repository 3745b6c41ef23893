import { Module } from '@nestjs/common';
import { Database, Env, PatronCoreModule } from '@patron/config';
import { WorkerTasksModule } from './worker-tasks.module';

@Module({})
export class WorkerAppModule {
  static forRoot(env: Env, database: Database) {
    return { module: WorkerAppModule, imports: [PatronCoreModule.forRoot(env, database), WorkerTasksModule.forRoot(env)] };
  }
}
