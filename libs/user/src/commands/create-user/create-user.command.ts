import { Command } from '@nestjs/cqrs';
import { NewUser, UserView } from '../../dto/user.view';

export class CreateUserCommand extends Command<UserView> {
  constructor(readonly input: NewUser) {
    super();
  }
}
