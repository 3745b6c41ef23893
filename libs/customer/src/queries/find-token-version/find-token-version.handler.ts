import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { FindTokenVersionQuery, TokenVersion } from './find-token-version.query';

@QueryHandler(FindTokenVersionQuery)
export class FindTokenVersionHandler implements IQueryHandler<FindTokenVersionQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ reference }: FindTokenVersionQuery): Promise<TokenVersion | null> {
    const rows = await forkJoiningTransaction(this.em).execute<{ token_version: number; kept_token_id: string | null }[]>(
      'select token_version, kept_token_id from customer where customer_reference = ? and anonymized_at is null',
      [reference],
    );
    return rows[0] ? { version: rows[0].token_version, keptTokenId: rows[0].kept_token_id } : null;
  }
}
