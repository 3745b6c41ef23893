import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import type { UserRole } from '../../domain/backoffice-user.entity';
import { SignedInUser } from '../../dto/user.view';
import { FindSignedInUserQuery } from './find-signed-in-user.query';

/** Runs on every back-office request: one primary-key lookup of three columns (and of the token's id), no entity. */
@QueryHandler(FindSignedInUserQuery)
export class FindSignedInUserHandler implements IQueryHandler<FindSignedInUserQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ id, tokenVersion, tokenId }: FindSignedInUserQuery): Promise<SignedInUser | null> {
    const signedOut = tokenId ? ' and not exists (select 1 from backoffice_signed_out_token where jti = ?)' : '';
    const rows = await forkJoiningTransaction(this.em).execute<{ id: string | number; name: string; role: UserRole }[]>(
      `select id, name, role from backoffice_user where id = ? and token_version = ? and disabled_at is null${signedOut}`,
      tokenId ? [id, tokenVersion, tokenId] : [id, tokenVersion],
    );
    return rows[0] ? { id: Number(rows[0].id), name: rows[0].name, role: rows[0].role } : null;
  }
}
