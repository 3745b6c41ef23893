import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Customer } from '../../domain/customer.entity';
import { CustomerView, toCustomerView } from '../../dto/customer.view';
import { CustomerRepository } from '../../persistence/customer.repository';
import { FindCustomerByReferenceQuery } from './find-customer-by-reference.query';

/** One select mapped straight to the view (no entity): the profile is read on most storefront requests. */
@QueryHandler(FindCustomerByReferenceQuery)
export class FindCustomerByReferenceHandler implements IQueryHandler<FindCustomerByReferenceQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ reference }: FindCustomerByReferenceQuery): Promise<CustomerView | null> {
    const row = await CustomerRepository.findLiveRow(this.em, 'customerReference', reference);
    return row ? toCustomerView(row as Customer) : null;
  }
}
