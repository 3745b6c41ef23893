import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from '../../domain/backoffice-user.entity';
import { toUserView, UserView } from '../../dto/user.view';
import { FindUserByEmailQuery } from './find-user-by-email.query';

@QueryHandler(FindUserByEmailQuery)
export class FindUserByEmailHandler implements IQueryHandler<FindUserByEmailQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ email }: FindUserByEmailQuery): Promise<UserView | null> {
    const user = await forkJoiningTransaction(this.em).findOne(BackofficeUser, { emailNormalized: email.trim().toLowerCase() });
    return user ? toUserView(user) : null;
  }
}
