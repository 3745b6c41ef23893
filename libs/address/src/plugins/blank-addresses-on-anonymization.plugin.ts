import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { CustomerAnonymizerPlugin, CustomerView } from '@patron/customer';
import { CustomerAddress } from '../domain/customer-address.entity';

/** Customer anonymizer plugin: a deleted customer's addresses are blanked (inside the anonymization transaction). */
@Injectable()
export class BlankAddressesOnAnonymizationPlugin implements CustomerAnonymizerPlugin {
  constructor(private readonly em: EntityManager) {}

  async anonymize(customer: CustomerView): Promise<void> {
    await this.em.nativeUpdate(
      CustomerAddress,
      { customerReference: customer.reference },
      {
        salutation: null, firstName: '', lastName: '', address1: '', address2: '', address3: null, zipCode: '', city: '',
        region: null, company: null, phone: null, comment: null, isDefaultBilling: false, isDefaultShipping: false,
      },
    );
  }
}
