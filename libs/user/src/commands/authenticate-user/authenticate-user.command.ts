import { Command } from '@nestjs/cqrs';
import { AuthenticatedUser } from '../../dto/user.view';

export class AuthenticateUserCommand extends Command<AuthenticatedUser> {
  constructor(readonly email: string, readonly password: string) {
    super();
  }
}
