import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from './domain/backoffice-user.entity';
import { UserNotFoundError } from './domain/user.errors';
import { NewUser, toUserView, UserView } from './dto/user.view';
import { CreateUserCommand } from './commands/create-user/create-user.command';
import { AuthenticateUserCommand } from './commands/authenticate-user/authenticate-user.command';

@Injectable()
export class UserFacade {
  constructor(private readonly commands: CommandBus, private readonly em: EntityManager, private readonly clock: Clock) {}

  /** The user with this id, or null. */
  async findById(id: number): Promise<UserView | null> {
    const user = await forkJoiningTransaction(this.em).findOne(BackofficeUser, { id });
    return user ? toUserView(user) : null;
  }

  /** Renames a user (notes they wrote keep the name they had). @throws UserNotFoundError */
  async rename(id: number, name: string): Promise<UserView> {
    const em = forkJoiningTransaction(this.em);
    const user = await em.findOne(BackofficeUser, { id });
    if (!user) throw new UserNotFoundError();
    user.name = name.trim();
    user.updatedAt = this.clock.now();
    await em.flush();
    return toUserView(user);
  }

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
