import { Command } from '@nestjs/cqrs';
import { CustomerImportRow, CustomerImportSummary } from '../../dto/customer.inputs';

export interface ImportCustomersOptions {
  /** Import the valid rows and report the others, instead of importing nothing when any row is bad. */
  skipInvalid?: boolean;
}

export class ImportCustomersCommand extends Command<CustomerImportSummary> {
  constructor(readonly rows: AsyncIterable<CustomerImportRow> | Iterable<CustomerImportRow>, readonly options: ImportCustomersOptions) {
    super();
  }
}
