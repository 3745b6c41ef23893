import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NewUser, UserView } from './dto/user.view';
import { CreateUserCommand } from './commands/create-user/create-user.command';
import { AuthenticateUserCommand } from './commands/authenticate-user/authenticate-user.command';

@Injectable()
export class UserFacade {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Creates a back-office user (the password policies apply; hashed with argon2id).
   * @throws UserEmailTakenError, PasswordPolicyViolationError
   */
  create(input: NewUser): Promise<UserView> {
    return this.commands.execute(new CreateUserCommand(input));
  }

  /**
   * Checks a back-office login (email ignoring case); unknown emails cost the same time as wrong passwords.
   * @throws UserAuthenticationFailedError
   */
  authenticate(email: string, password: string): Promise<UserView> {
    return this.commands.execute(new AuthenticateUserCommand(email, password));
  }
}
