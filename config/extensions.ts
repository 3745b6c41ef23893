import { ModuleMetadata, Type } from '@nestjs/common';
import type { AddressExpanderPlugin } from '@patron/address';
import type { CustomerModuleOptions, CustomerReferenceGenerator } from '@patron/customer';
import type { MailSender, MailTemplateLoader } from '@patron/mail';
import type { PasswordHasher, PasswordPolicy } from '@patron/password';

type CustomerPluginStacks = Pick<
  CustomerModuleOptions,
  'preRegistrationPlugins' | 'postRegistrationPlugins' | 'expanderPlugins' | 'preUpdatePlugins' | 'anonymizerPlugins' | 'postDeletePlugins' | 'searchFilterPlugins'
>;

/**
 * A package that extends Patron without editing its modules: its own modules, tables and migrations, and the plugins
 * it adds to the modules' stacks (after the built-in ones, in the order of the extensions) or the single slots it
 * fills (each by one extension at most).
 */
export interface PatronExtension {
  /** The extension's modules: they provide what its plugins inject (mark them global or export from them). */
  imports?: ModuleMetadata['imports'];
  /** Entities of the extension's own tables. */
  entities?: Type[];
  /** Migrations of its own tables; they run with Patron's, all ordered by class name. */
  migrations?: Type[];
  customer?: CustomerPluginStacks;
  addressExpanderPlugins?: Type<AddressExpanderPlugin>[];
  /** Replaces the built-in mail templates (`MAIL_TEMPLATE_LOADER`); extend `BuiltInMailTemplateLoader` to keep the rest. */
  mailTemplateLoader?: Type<MailTemplateLoader>;
  /** Replaces the SMTP or file sender of the processes that deliver mail (`MAIL_SENDER`). */
  mailSender?: Type<MailSender>;
  /** Replaces the argon2id hasher (`PASSWORD_HASHER`). */
  passwordHasher?: Type<PasswordHasher>;
  /** Replaces the list of password policies (`PASSWORD_POLICIES`); spread `DEFAULT_PASSWORD_POLICIES` to add to it. */
  passwordPolicies?: Type<PasswordPolicy>[];
  /** Replaces how new customers' references are made (`CUSTOMER_REFERENCE_GENERATOR`). */
  customerReferenceGenerator?: Type<CustomerReferenceGenerator>;
}

type SingleSlot = 'mailTemplateLoader' | 'mailSender' | 'passwordHasher' | 'passwordPolicies' | 'customerReferenceGenerator';

/**
 * What the extensions put into a single slot, or undefined to keep the built-in one.
 * @throws Error when more than one extension fills it (which one should win is the deployment's decision)
 */
export const extensionSlot = <K extends SingleSlot>(extensions: PatronExtension[], slot: K): PatronExtension[K] | undefined => {
  const filled = extensions.filter((e) => e[slot] !== undefined);
  if (filled.length > 1) throw new Error(`${filled.length} installed extensions fill the single slot ${slot}; keep one of them`);
  return filled[0]?.[slot];
};

/**
 * The extensions every Patron process of this deployment runs (apps, worker, CLI migrations). Add yours here;
 * tests pass their own list to `PatronCoreModule.forRoot`.
 */
export const INSTALLED_EXTENSIONS: PatronExtension[] = [];
