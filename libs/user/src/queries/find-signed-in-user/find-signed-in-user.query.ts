import { Query } from '@nestjs/cqrs';
import { SignedInUser } from '../../dto/user.view';

export class FindSignedInUserQuery extends Query<SignedInUser | null> {
  /** `tokenId`: the token's `jti`, when it has one (tokens signed out by it are refused). */
  constructor(readonly id: number, readonly tokenVersion: number, readonly tokenId?: string) {
    super();
  }
}
