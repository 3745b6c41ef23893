import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { CONTENT_TYPE_RESOURCES, CustomerAccessSetting } from '../../domain/customer-access.entity';
import { CustomerAccessView, ListCustomerAccessQuery } from './list-customer-access.query';

@QueryHandler(ListCustomerAccessQuery)
export class ListCustomerAccessHandler implements IQueryHandler<ListCustomerAccessQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<CustomerAccessView[]> {
    const settings = await forkJoiningTransaction(this.em).find(CustomerAccessSetting, {}, { orderBy: { contentType: 'asc' } });
    return settings.map((s) => ({ contentType: s.contentType, isRestricted: s.isRestricted, resourceTypes: CONTENT_TYPE_RESOURCES[s.contentType] ?? [] }));
  }
}
