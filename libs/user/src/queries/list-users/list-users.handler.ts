import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from '../../domain/backoffice-user.entity';
import { toUserView, UserView } from '../../dto/user.view';
import { ListUsersQuery } from './list-users.query';

@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<UserView[]> {
    const users = await forkJoiningTransaction(this.em).find(BackofficeUser, {}, { orderBy: { emailNormalized: 'asc' } });
    return users.map(toUserView);
  }
}
