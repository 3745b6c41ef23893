import { Injectable } from '@nestjs/common';
import type { CustomerAnonymizerPlugin, CustomerView } from '@patron/customer';
import { CustomerGroupFacade } from '../customer-group.facade';

/** Customer anonymizer plugin: a deleted customer leaves every group, in the anonymization transaction. */
@Injectable()
export class RemoveFromGroupsOnAnonymizationPlugin implements CustomerAnonymizerPlugin {
  constructor(private readonly groups: CustomerGroupFacade) {}

  anonymize(customer: CustomerView): Promise<void> {
    return this.groups.removeFromAllGroups(customer.reference);
  }
}
