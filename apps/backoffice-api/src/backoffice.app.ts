import { Module } from '@nestjs/common';
import { Env, PatronCoreModule } from '@patron/config';
import { BackofficeApiModule } from './backoffice-api.module';

@Module({})
export class BackofficeAppModule {
  static forRoot(env: Env) {
    return { module: BackofficeAppModule, imports: [PatronCoreModule.forRoot(env), BackofficeApiModule] };
  }
}
