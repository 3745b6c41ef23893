import { ModuleMetadata, Type } from '@nestjs/common';
import type { AddressExpanderPlugin } from '@patron/address';
import type { CustomerModuleOptions } from '@patron/customer';
import type { MailTemplateLoader } from '@patron/mail';

type CustomerPluginStacks = Pick<
  CustomerModuleOptions,
  'preRegistrationPlugins' | 'postRegistrationPlugins' | 'expanderPlugins' | 'preUpdatePlugins' | 'anonymizerPlugins' | 'postDeletePlugins' | 'searchFilterPlugins'
>;

/**
 * A package that extends Patron without editing its modules: its own modules, tables and migrations, and the plugins
 * it adds to the modules' stacks (after the built-in ones, in the order of the extensions) or the slots it fills.
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
  /** Fills the mail template loader slot (one extension at most). */
  mailTemplateLoader?: Type<MailTemplateLoader>;
}

/**
 * The extensions every Patron process of this deployment runs (apps, worker, CLI migrations). Add yours here;
 * tests pass their own list to `PatronCoreModule.forRoot`.
 */
export const INSTALLED_EXTENSIONS: PatronExtension[] = [];
