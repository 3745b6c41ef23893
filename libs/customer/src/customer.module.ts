import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { pluginStack } from '@patron/shared-kernel';
import { CustomerConfig } from './customer.config';
import { Customer } from './domain/customer.entity';
import { CustomerFacade } from './customer.facade';
import { POST_REGISTRATION_PLUGINS, PostRegistrationPlugin } from './extension/post-registration.plugin';
import { CUSTOMER_ANONYMIZER_PLUGINS, CustomerAnonymizerPlugin } from './extension/customer-anonymizer.plugin';
import { PRE_REGISTRATION_PLUGINS, PreRegistrationPlugin } from './extension/pre-registration.plugin';
import { CUSTOMER_EXPANDER_PLUGINS, CustomerExpanderPlugin } from './extension/customer-expander.plugin';
import { PRE_UPDATE_PLUGINS, PreUpdatePlugin } from './extension/pre-update.plugin';
import { POST_DELETE_PLUGINS, PostDeletePlugin } from './extension/post-delete.plugin';
import { CUSTOMER_SEARCH_FILTER_PLUGINS, CustomerSearchFilterPlugin } from './extension/customer-search-filter.plugin';
import { CUSTOMER_REFERENCE_GENERATOR, CustomerReferenceGenerator } from './extension/customer-reference-generator';
import { SequenceCustomerReferenceGenerator } from './persistence/sequence-reference.generator';
import { RegisterCustomerHandler } from './commands/register-customer/register-customer.handler';
import { ConfirmCustomerRegistrationHandler } from './commands/confirm-customer-registration/confirm-customer-registration.handler';
import { AuthenticateCustomerHandler } from './commands/authenticate-customer/authenticate-customer.handler';
import { UpdateCustomerHandler } from './commands/update-customer/update-customer.handler';
import { AnonymizeCustomerHandler } from './commands/anonymize-customer/anonymize-customer.handler';
import { LockLiveCustomerHandler } from './commands/lock-live-customer/lock-live-customer.handler';
import { ImportCustomersHandler } from './commands/import-customers/import-customers.handler';
import { FindCustomerByReferenceHandler } from './queries/find-customer-by-reference/find-customer-by-reference.handler';
import { FindCustomerByEmailHandler } from './queries/find-customer-by-email/find-customer-by-email.handler';
import { FindTokenVersionHandler } from './queries/find-token-version/find-token-version.handler';
import { HasCustomersHandler } from './queries/has-customers/has-customers.handler';
import { RequestPasswordRestoreHandler } from './commands/request-password-restore/request-password-restore.handler';
import { RestorePasswordHandler } from './commands/restore-password/restore-password.handler';
import { ChangePasswordHandler } from './commands/change-password/change-password.handler';
import { ConfirmCustomerByStaffHandler, CreateCustomerByStaffHandler, SetPasswordByStaffHandler } from './commands/staff/staff-customer.handlers';
import { SearchCustomersHandler } from './queries/search-customers/search-customers.handler';
import { ConfirmEmailChangeHandler } from './commands/confirm-email-change/confirm-email-change.handler';
import { ResendRegistrationConfirmationHandler } from './commands/resend-registration-confirmation/resend-registration-confirmation.handler';

const HANDLERS = [
  RegisterCustomerHandler,
  ConfirmCustomerRegistrationHandler,
  AuthenticateCustomerHandler,
  UpdateCustomerHandler,
  AnonymizeCustomerHandler,
  LockLiveCustomerHandler,
  ImportCustomersHandler,
  FindCustomerByReferenceHandler,
  FindCustomerByEmailHandler,
  FindTokenVersionHandler,
  HasCustomersHandler,
  RequestPasswordRestoreHandler,
  RestorePasswordHandler,
  ChangePasswordHandler,
  ResendRegistrationConfirmationHandler,
  ConfirmEmailChangeHandler,
  SearchCustomersHandler,
  CreateCustomerByStaffHandler,
  ConfirmCustomerByStaffHandler,
  SetPasswordByStaffHandler,
];

export interface CustomerModuleOptions {
  config?: Partial<CustomerConfig>;
  /** Modules the plugins need. */
  imports?: DynamicModule['imports'];
  /** Order = execution order. */
  preRegistrationPlugins?: Type<PreRegistrationPlugin>[];
  postRegistrationPlugins?: Type<PostRegistrationPlugin>[];
  expanderPlugins?: Type<CustomerExpanderPlugin>[];
  preUpdatePlugins?: Type<PreUpdatePlugin>[];
  anonymizerPlugins?: Type<CustomerAnonymizerPlugin>[];
  postDeletePlugins?: Type<PostDeletePlugin>[];
  /** Extra search filters, by their name. */
  searchFilterPlugins?: Type<CustomerSearchFilterPlugin>[];
  referenceGenerator?: Type<CustomerReferenceGenerator>;
}

/**
 * Customer accounts: registration, confirmation, credentials, profile, anonymization, import. Global, so other
 * modules inject `CustomerFacade`; needs PasswordModule and OutboxModule.
 */
@Module({})
export class CustomerModule {
  static forRoot(options: CustomerModuleOptions = {}): DynamicModule {
    const stacks: [symbol, Type[]][] = [
      [PRE_REGISTRATION_PLUGINS, options.preRegistrationPlugins ?? []],
      [POST_REGISTRATION_PLUGINS, options.postRegistrationPlugins ?? []],
      [CUSTOMER_EXPANDER_PLUGINS, options.expanderPlugins ?? []],
      [PRE_UPDATE_PLUGINS, options.preUpdatePlugins ?? []],
      [CUSTOMER_ANONYMIZER_PLUGINS, options.anonymizerPlugins ?? []],
      [POST_DELETE_PLUGINS, options.postDeletePlugins ?? []],
      [CUSTOMER_SEARCH_FILTER_PLUGINS, options.searchFilterPlugins ?? []],
    ];
    const pluginClasses = [...new Set(stacks.flatMap(([, classes]) => classes))];
    return {
      module: CustomerModule,
      global: true,
      imports: [CqrsModule, MikroOrmModule.forFeature([Customer]), ...(options.imports ?? [])],
      providers: [
        ...HANDLERS,
        ...pluginClasses,
        ...stacks.map(([token, classes]) => pluginStack(token, classes)),
        { provide: CUSTOMER_REFERENCE_GENERATOR, useClass: options.referenceGenerator ?? SequenceCustomerReferenceGenerator },
        { provide: CustomerConfig, useValue: CustomerConfig.from(options.config) },
        CustomerFacade,
      ],
      exports: [CustomerFacade, CustomerConfig],
    };
  }
}
