import { Injectable } from '@nestjs/common';
import type { CustomerExpanderPlugin, CustomerView } from '@patron/customer';
import { LoyaltyMembers } from '../loyalty-members';

/** Customer expander: `loyaltyNumber` (null for customers enrolled before the programme). */
@Injectable()
export class LoyaltyNumberExpander implements CustomerExpanderPlugin {
  constructor(private readonly members: LoyaltyMembers) {}

  async expand(customer: Readonly<CustomerView>): Promise<Record<string, unknown>> {
    return { loyaltyNumber: await this.members.numberOf(customer.reference) };
  }
}
