import { forkJoiningTransaction } from '@patron/shared-kernel';
import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CustomerView, toCustomerView } from '../../dto/customer.view';
import { CustomerRepository } from '../../persistence/customer.repository';
import { FindCustomerByReferenceQuery } from './find-customer-by-reference.query';

@QueryHandler(FindCustomerByReferenceQuery)
export class FindCustomerByReferenceHandler implements IQueryHandler<FindCustomerByReferenceQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ reference }: FindCustomerByReferenceQuery): Promise<CustomerView | null> {
    const customer = await CustomerRepository.findLiveByReference(forkJoiningTransaction(this.em), reference);
    return customer ? toCustomerView(customer) : null;
  }
}
