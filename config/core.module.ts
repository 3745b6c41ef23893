import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule, RevokeRefreshTokensOnAnonymizationPlugin } from '@patron/auth';
import { CustomerModule } from '@patron/customer';
import { OutboxModule } from '@patron/outbox';
import { PasswordModule } from '@patron/password';
import { KernelModule } from '@patron/shared-kernel';
import { Database } from './database';
import { Env } from './env';

/** The modules every Patron process runs, configured from the validated environment. */
@Module({})
export class PatronCoreModule {
  static forRoot(env: Env, database: Database): DynamicModule {
    return {
      module: PatronCoreModule,
      imports: [
        MikroOrmModule.forRoot({ ...database.ormOptions, registerRequestContext: true }),
        CqrsModule.forRoot(),
        KernelModule,
        PasswordModule.forRoot(),
        OutboxModule.forRoot(),
        CustomerModule.forRoot({
          config: {
            referencePrefix: env.CUSTOMER_REFERENCE_PREFIX,
            doubleOptIn: env.DOUBLE_OPT_IN,
            defaultLocale: env.DEFAULT_LOCALE,
            locales: env.LOCALES,
          },
          anonymizerPlugins: [RevokeRefreshTokensOnAnonymizationPlugin],
        }),
        AuthModule.forRoot({ config: { jwtSecret: env.JWT_SECRET } }),
      ],
    };
  }
}
