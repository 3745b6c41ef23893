import { Query } from '@nestjs/cqrs';
import { CustomerView } from '../../dto/customer.view';

export class FindCustomerByReferenceQuery extends Query<CustomerView | null> {
  constructor(readonly reference: string) {
    super();
  }
}
