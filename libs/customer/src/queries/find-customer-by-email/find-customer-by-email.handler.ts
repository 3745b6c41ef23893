import { forkJoiningTransaction } from '@patron/shared-kernel';
import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CustomerView, toCustomerView } from '../../dto/customer.view';
import { CustomerRepository } from '../../persistence/customer.repository';
import { FindCustomerByEmailQuery } from './find-customer-by-email.query';

@QueryHandler(FindCustomerByEmailQuery)
export class FindCustomerByEmailHandler implements IQueryHandler<FindCustomerByEmailQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ email }: FindCustomerByEmailQuery): Promise<CustomerView | null> {
    const customer = await CustomerRepository.findLiveByEmail(forkJoiningTransaction(this.em), email);
    return customer ? toCustomerView(customer) : null;
  }
}
