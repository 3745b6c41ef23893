import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CustomerDataExport, ExportAudience } from './customer-data-export.view';
import { ExportCustomerDataQuery } from './queries/export-customer-data/export-customer-data.query';

@Injectable()
export class CustomerDataExportFacade {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Everything Patron holds about a live customer (GDPR access request): profile and addresses with what expander
   * plugins add, groups, every order, the whole history, and for `staff` also the notes. Reads only.
   * @throws CustomerNotFoundError for an unknown or anonymized customer
   */
  export(reference: string, audience: ExportAudience): Promise<CustomerDataExport> {
    return this.queries.execute(new ExportCustomerDataQuery(reference, audience));
  }
}
