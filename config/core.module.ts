import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule, RevokeRefreshTokensOnAnonymizationPlugin } from '@patron/auth';
import { CustomerModule } from '@patron/customer';
import { CustomerAccessModule } from '@patron/customer-access';
import { AddressModule, BlankAddressesOnAnonymizationPlugin } from '@patron/address';
import { SalesModule } from '@patron/sales';
import { UserModule } from '@patron/user';
import { CustomerGroupModule, RemoveFromGroupsOnAnonymizationPlugin, CustomerGroupSearchFilterPlugin } from '@patron/customer-group';
import { CustomerNoteModule } from '@patron/customer-note';
import { CustomerHistoryModule } from '@patron/customer-history';
import { OutboxModule } from '@patron/outbox';
import { PasswordModule } from '@patron/password';
import { Clock, KernelModule } from '@patron/shared-kernel';
import { Database } from './database';
import { Env } from './env';
import { redisOptions } from './redis';

/** The modules every Patron process runs, configured from the validated environment. */
@Module({})
export class PatronCoreModule {
  /** `clock` replaces the system clock (tests). */
  static forRoot(env: Env, database: Database, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: PatronCoreModule,
      imports: [
        MikroOrmModule.forRoot({ ...database.ormOptions, registerRequestContext: true }),
        CqrsModule.forRoot(),
        KernelModule.forRoot({ clock: options.clock }),
        CustomerHistoryModule,
        PasswordModule.forRoot({
          config: { breachCheckUrl: env.PASSWORD_BREACH_CHECK_URL ?? '', breachCheckTimeoutMs: env.PASSWORD_BREACH_CHECK_TIMEOUT_MS },
        }),
        OutboxModule.forRoot(),
        CustomerModule.forRoot({
          config: {
            referencePrefix: env.CUSTOMER_REFERENCE_PREFIX,
            doubleOptIn: env.DOUBLE_OPT_IN,
            emailChangeVerification: env.EMAIL_CHANGE_VERIFICATION,
            defaultLocale: env.DEFAULT_LOCALE,
            locales: env.LOCALES,
          },
          anonymizerPlugins: [RevokeRefreshTokensOnAnonymizationPlugin, BlankAddressesOnAnonymizationPlugin, RemoveFromGroupsOnAnonymizationPlugin],
          searchFilterPlugins: [CustomerGroupSearchFilterPlugin],
        }),
        CustomerAccessModule.forRoot(),
        AddressModule.forRoot(),
        SalesModule.forRoot(),
        UserModule.forRoot(),
        CustomerGroupModule.forRoot(),
        CustomerNoteModule.forRoot(),
        AuthModule.forRoot({
          config: {
            jwtSecret: env.JWT_SECRET,
            loginFailureLimit: env.LOGIN_FAILURE_LIMIT,
            loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
            loginBlockSeconds: env.LOGIN_BLOCK_SECONDS,
          },
          loginThrottleRedis: env.REDIS_URL ? { options: redisOptions(env.REDIS_URL), keyPrefix: env.QUEUE_PREFIX } : undefined,
        }),
      ],
    };
  }
}
