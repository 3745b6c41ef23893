import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { HasCustomersQuery } from './has-customers.query';

@QueryHandler(HasCustomersQuery)
export class HasCustomersHandler implements IQueryHandler<HasCustomersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<boolean> {
    const rows = await forkJoiningTransaction(this.em).execute<{ found: boolean }[]>(
      'select exists (select 1 from customer where anonymized_at is null) as found',
    );
    return rows[0]?.found === true;
  }
}
