import { Query } from '@nestjs/cqrs';
import { SignedInUser } from '../../dto/user.view';

export class FindSignedInUserQuery extends Query<SignedInUser | null> {
  constructor(readonly id: number, readonly tokenVersion: number) {
    super();
  }
}
