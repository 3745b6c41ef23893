import { Module } from '@nestjs/common';
import { Env, PatronCoreModule } from '@patron/config';
import { WorkerTasksModule } from './worker-tasks.module';

@Module({})
export class WorkerAppModule {
  static forRoot(env: Env) {
    return { module: WorkerAppModule, imports: [PatronCoreModule.forRoot(env), WorkerTasksModule.forRoot(env)] };
  }
}
