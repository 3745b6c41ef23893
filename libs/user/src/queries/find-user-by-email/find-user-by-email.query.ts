import { Query } from '@nestjs/cqrs';
import { UserView } from '../../dto/user.view';

export class FindUserByEmailQuery extends Query<UserView | null> {
  constructor(readonly email: string) {
    super();
  }
}
