import { DynamicModule, Module } from '@nestjs/common';
import type { PatronExtension } from '@patron/config';
import { LoyaltyConfig } from './loyalty.config';
import { LoyaltyMembers } from './loyalty-members';
import { LoyaltyMailTemplateLoader } from './loyalty-mail-templates';
import { Migration20261203001500_loyalty_member } from './migrations/Migration20261203001500_loyalty_member';
import { RejectBlockedDomainsPlugin } from './plugins/reject-blocked-domains.plugin';
import { EnrolNewCustomersPlugin } from './plugins/enrol-new-customers.plugin';
import { LoyaltyNumberExpander } from './plugins/loyalty-number.expander';
import { ForgetLoyaltyMemberPlugin } from './plugins/forget-loyalty-member.plugin';

/** What the loyalty plugins inject. Global, so every Patron module that runs one of them finds it. */
@Module({})
class LoyaltyModule {
  static forRoot(config: LoyaltyConfig): DynamicModule {
    return {
      module: LoyaltyModule,
      global: true,
      providers: [{ provide: LoyaltyConfig, useValue: config }, LoyaltyMembers],
      exports: [LoyaltyConfig, LoyaltyMembers],
    };
  }
}

/**
 * The loyalty example as a Patron extension: list it in `INSTALLED_EXTENSIONS` (config/extensions.ts) or pass it
 * to `PatronCoreModule.forRoot`.
 */
export const loyaltyExtension = (config: Partial<LoyaltyConfig> = {}): PatronExtension => ({
  imports: [LoyaltyModule.forRoot(LoyaltyConfig.from(config))],
  migrations: [Migration20261203001500_loyalty_member],
  customer: {
    preRegistrationPlugins: [RejectBlockedDomainsPlugin],
    postRegistrationPlugins: [EnrolNewCustomersPlugin],
    expanderPlugins: [LoyaltyNumberExpander],
    anonymizerPlugins: [ForgetLoyaltyMemberPlugin],
  },
  mailTemplateLoader: LoyaltyMailTemplateLoader,
});
