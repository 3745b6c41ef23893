import { Injectable } from '@nestjs/common';
import type { CustomerAnonymizerPlugin, CustomerView } from '@patron/customer';
import { CustomerNoteFacade } from '../customer-note.facade';

/** Customer anonymizer plugin: staff notes about a deleted customer are erased, in the anonymization transaction. */
@Injectable()
export class EraseNotesOnAnonymizationPlugin implements CustomerAnonymizerPlugin {
  constructor(private readonly notes: CustomerNoteFacade) {}

  anonymize(customer: CustomerView): Promise<void> {
    return this.notes.eraseAll(customer.reference);
  }
}
