import { Query } from '@nestjs/cqrs';
import { CustomerDataExport, ExportAudience } from '../../customer-data-export.view';

export class ExportCustomerDataQuery extends Query<CustomerDataExport> {
  constructor(readonly reference: string, readonly audience: ExportAudience) {
    super();
  }
}
