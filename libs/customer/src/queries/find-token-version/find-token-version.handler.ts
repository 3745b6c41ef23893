import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { FindTokenVersionQuery } from './find-token-version.query';

@QueryHandler(FindTokenVersionQuery)
export class FindTokenVersionHandler implements IQueryHandler<FindTokenVersionQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ reference }: FindTokenVersionQuery): Promise<number | null> {
    const rows = await forkJoiningTransaction(this.em).execute<{ token_version: number }[]>(
      'select token_version from customer where customer_reference = ? and anonymized_at is null',
      [reference],
    );
    return rows[0]?.token_version ?? null;
  }
}
