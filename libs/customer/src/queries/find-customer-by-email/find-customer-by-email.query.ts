import { Query } from '@nestjs/cqrs';
import { CustomerView } from '../../dto/customer.view';

export class FindCustomerByEmailQuery extends Query<CustomerView | null> {
  constructor(readonly email: string) {
    super();
  }
}
