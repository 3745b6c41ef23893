import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule, RevokeRefreshTokensOnAnonymizationPlugin } from '@patron/auth';
import { CustomerModule } from '@patron/customer';
import { CustomerAccessModule } from '@patron/customer-access';
import { AddressModule, BlankAddressesOnAnonymizationPlugin } from '@patron/address';
import { SalesModule } from '@patron/sales';
import { UserModule } from '@patron/user';
import { CustomerGroupModule, RemoveFromGroupsOnAnonymizationPlugin, CustomerGroupSearchFilterPlugin } from '@patron/customer-group';
import { CustomerNoteModule, EraseNotesOnAnonymizationPlugin } from '@patron/customer-note';
import { CustomerDataExportModule } from '@patron/customer-data-export';
import { OpsModule } from '@patron/ops';
import { CustomerHistoryModule } from '@patron/customer-history';
import { OutboxModule } from '@patron/outbox';
import { PasswordModule } from '@patron/password';
import { Clock, KernelModule } from '@patron/shared-kernel';
import { Database } from './database';
import { Env } from './env';
import { redisOptions } from './redis';
import { extensionSlot, INSTALLED_EXTENSIONS, PatronExtension } from './extensions';

/** The database options with the extensions' entities and migrations added. */
const withExtensionTables = (options: Database['ormOptions'], extensions: PatronExtension[]): Database['ormOptions'] => {
  const entities = extensions.flatMap((e) => e.entities ?? []);
  const migrations = extensions.flatMap((e) => e.migrations ?? []).map((migration) => ({ name: migration.name, class: migration }));
  if (!entities.length && !migrations.length) return options;
  return {
    ...options,
    entities: [...((options.entities as unknown[]) ?? []), ...entities],
    migrations: {
      ...options.migrations,
      migrationsList: [...(options.migrations?.migrationsList ?? []), ...migrations].sort((a, b) => a.name.localeCompare(b.name)),
    },
  } as Database['ormOptions'];
};

/** The modules every Patron process runs, configured from the validated environment. */
@Module({})
export class PatronCoreModule {
  /**
   * `clock` replaces the system clock (tests); `extensions` replaces the deployment's `INSTALLED_EXTENSIONS`;
   * `operations: false` leaves out health checks and metrics (command-line tools).
   */
  static forRoot(env: Env, database: Database, options: { clock?: Clock; extensions?: PatronExtension[]; operations?: boolean } = {}): DynamicModule {
    const extensions = options.extensions ?? INSTALLED_EXTENSIONS;
    const customerPlugins = (key: keyof NonNullable<PatronExtension['customer']>) =>
      extensions.flatMap((e) => (e.customer?.[key] ?? []) as Type<never>[]);
    extensionSlot(extensions, 'mailTemplateLoader'); // fails at start, in every process, when two extensions fill it
    extensionSlot(extensions, 'mailSender');
    return {
      module: PatronCoreModule,
      imports: [
        MikroOrmModule.forRoot({ ...withExtensionTables(database.ormOptions, extensions), registerRequestContext: true }),
        CqrsModule.forRoot(),
        KernelModule.forRoot({ clock: options.clock }),
        CustomerHistoryModule,
        PasswordModule.forRoot({
          config: { breachCheckUrl: env.PASSWORD_BREACH_CHECK_URL ?? '', breachCheckTimeoutMs: env.PASSWORD_BREACH_CHECK_TIMEOUT_MS },
          hasher: extensionSlot(extensions, 'passwordHasher'),
          policies: extensionSlot(extensions, 'passwordPolicies'),
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
          imports: extensions.flatMap((e) => e.imports ?? []),
          preRegistrationPlugins: customerPlugins('preRegistrationPlugins'),
          postRegistrationPlugins: customerPlugins('postRegistrationPlugins'),
          expanderPlugins: customerPlugins('expanderPlugins'),
          preUpdatePlugins: customerPlugins('preUpdatePlugins'),
          anonymizerPlugins: [
            RevokeRefreshTokensOnAnonymizationPlugin,
            BlankAddressesOnAnonymizationPlugin,
            RemoveFromGroupsOnAnonymizationPlugin,
            EraseNotesOnAnonymizationPlugin,
            ...customerPlugins('anonymizerPlugins'),
          ],
          postDeletePlugins: customerPlugins('postDeletePlugins'),
          searchFilterPlugins: [CustomerGroupSearchFilterPlugin, ...customerPlugins('searchFilterPlugins')],
          referenceGenerator: extensionSlot(extensions, 'customerReferenceGenerator'),
        }),
        CustomerAccessModule.forRoot(),
        AddressModule.forRoot({
          config: { checkPostalCodes: env.ADDRESS_POSTAL_CODE_CHECK },
          expanderPlugins: extensions.flatMap((e) => e.addressExpanderPlugins ?? []),
        }),
        SalesModule.forRoot(),
        UserModule.forRoot(),
        CustomerGroupModule.forRoot(),
        CustomerNoteModule.forRoot(),
        CustomerDataExportModule.forRoot(),
        ...(options.operations === false
          ? []
          : [
              OpsModule.forRoot({
                config: { maxOutboxLagSeconds: env.HEALTH_MAX_OUTBOX_LAG_SECONDS },
                mailQueue: env.REDIS_URL ? { connection: redisOptions(env.REDIS_URL), prefix: env.QUEUE_PREFIX } : undefined,
              }),
            ]),
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
