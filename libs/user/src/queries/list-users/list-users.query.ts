import { Query } from '@nestjs/cqrs';
import { UserView } from '../../dto/user.view';

export class ListUsersQuery extends Query<UserView[]> {}
