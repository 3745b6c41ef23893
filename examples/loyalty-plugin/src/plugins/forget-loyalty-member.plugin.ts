import { Injectable } from '@nestjs/common';
import type { CustomerAnonymizerPlugin, CustomerView } from '@patron/customer';
import { LoyaltyMembers } from '../loyalty-members';

/** Anonymizer, in the deletion transaction: the loyalty number goes with the customer. */
@Injectable()
export class ForgetLoyaltyMemberPlugin implements CustomerAnonymizerPlugin {
  constructor(private readonly members: LoyaltyMembers) {}

  anonymize(customer: CustomerView): Promise<void> {
    return this.members.forget(customer.reference);
  }
}
