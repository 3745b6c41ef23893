import { Injectable } from '@nestjs/common';
import type { CustomerView, PostRegistrationPlugin } from '@patron/customer';
import { CustomerGroupFacade } from '@patron/customer-group';
import { LoyaltyConfig } from '../loyalty.config';
import { LoyaltyMembers } from '../loyalty-members';

/** Post-registration, in the registration transaction: a loyalty number, and membership of the default group. */
@Injectable()
export class EnrolNewCustomersPlugin implements PostRegistrationPlugin {
  constructor(private readonly members: LoyaltyMembers, private readonly groups: CustomerGroupFacade, private readonly config: LoyaltyConfig) {}

  async afterRegistration(customer: CustomerView): Promise<void> {
    await this.members.enrol(customer.reference);
    const name = this.config.defaultGroupName.toLowerCase();
    const group = (await this.groups.list()).find((g) => g.name.toLowerCase() === name) ?? (await this.groups.create({ name: this.config.defaultGroupName }));
    await this.groups.assign(group.id, [customer.reference]);
  }
}
