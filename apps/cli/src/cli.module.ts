import { Module } from '@nestjs/common';
import { Database, Env, PatronCoreModule } from '@patron/config';

/** What CLI commands need: the core modules, no HTTP, no queue workers. */
@Module({})
export class CliModule {
  static forRoot(env: Env, database: Database) {
    return { module: CliModule, imports: [PatronCoreModule.forRoot(env, database, { operations: false })] };
  }
}
