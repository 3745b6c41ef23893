/** Settings of the loyalty example. */
export class LoyaltyConfig {
  /** Registrations with an email at one of these domains (or their subdomains) are rejected. */
  blockedEmailDomains: string[] = [];
  /** The group every new customer joins. */
  defaultGroupName = 'Loyalty members';

  static from(overrides: Partial<LoyaltyConfig> = {}): LoyaltyConfig {
    return Object.assign(new LoyaltyConfig(), overrides);
  }
}
