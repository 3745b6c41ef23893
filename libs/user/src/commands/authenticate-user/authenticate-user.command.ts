import { Command } from '@nestjs/cqrs';
import { UserView } from '../../dto/user.view';

export class AuthenticateUserCommand extends Command<UserView> {
  constructor(readonly email: string, readonly password: string) {
    super();
  }
}
