import { Injectable } from '@nestjs/common';
import type { PreRegistrationPlugin, RegisterCustomerInput } from '@patron/customer';
import { LoyaltyConfig } from '../loyalty.config';
import { BlockedEmailDomainError } from '../loyalty.errors';

/** Pre-registration: rejects emails at a blocked domain or one of its subdomains. */
@Injectable()
export class RejectBlockedDomainsPlugin implements PreRegistrationPlugin {
  constructor(private readonly config: LoyaltyConfig) {}

  async beforeRegistration(input: Readonly<RegisterCustomerInput>): Promise<void> {
    const domain = input.email.slice(input.email.lastIndexOf('@') + 1).toLowerCase();
    const blocked = this.config.blockedEmailDomains.find((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
    if (blocked) throw new BlockedEmailDomainError(blocked);
  }
}
