import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Customer } from '../../domain/customer.entity';
import { CustomerView, toCustomerView } from '../../dto/customer.view';
import { FindCustomerByReferenceQuery } from './find-customer-by-reference.query';

/** The columns a `CustomerView` shows: no password, key material or token version is read. */
const VIEW_COLUMNS = [
  'customer_reference', 'email', 'salutation', 'first_name', 'last_name', 'gender', 'date_of_birth', 'phone', 'company', 'locale',
  'registered_at', 'created_at', 'updated_at', 'pending_email',
].join(', ');

/**
 * One select of the view's columns mapped straight to the view: the profile is read on most storefront requests, and
 * an entity (fork, identity map, hydration) costs several times the query. Joins the caller's transaction, if any.
 */
@QueryHandler(FindCustomerByReferenceQuery)
export class FindCustomerByReferenceHandler implements IQueryHandler<FindCustomerByReferenceQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ reference }: FindCustomerByReferenceQuery): Promise<CustomerView | null> {
    const [row] = await this.em.execute<Record<string, unknown>[]>(
      `select ${VIEW_COLUMNS} from customer where customer_reference = ? and anonymized_at is null limit 1`,
      [reference],
    );
    // The ORM's own column-to-property mapping, so dates and timestamps come out as the entity has them.
    return row ? toCustomerView(this.em.getDriver().mapResult(row, this.em.getMetadata().get(Customer.name)) as Customer) : null;
  }
}
