import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from './domain/backoffice-user.entity';
import { UserNotFoundError } from './domain/user.errors';
import { AuthenticatedUser, NewUser, SignedInUser, toUserView, UserChanges, UserView } from './dto/user.view';
import { CreateUserCommand } from './commands/create-user/create-user.command';
import { AuthenticateUserCommand } from './commands/authenticate-user/authenticate-user.command';
import { UpdateUserCommand } from './commands/update-user/update-user.command';
import { SetUserPasswordCommand } from './commands/set-user-password/set-user-password.command';
import { SignOutSessionCommand } from './commands/sign-out-session/sign-out-session.command';
import { ListUsersQuery } from './queries/list-users/list-users.query';
import { FindUserByEmailQuery } from './queries/find-user-by-email/find-user-by-email.query';
import { FindSignedInUserQuery } from './queries/find-signed-in-user/find-signed-in-user.query';

@Injectable()
export class UserFacade {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly em: EntityManager) {}

  /** The user with this id (enabled or disabled), or null. */
  async findById(id: number): Promise<UserView | null> {
    const user = await forkJoiningTransaction(this.em).findOne(BackofficeUser, { id });
    return user ? toUserView(user) : null;
  }

  /** The user with this id. @throws UserNotFoundError */
  async getById(id: number): Promise<UserView> {
    const user = await this.findById(id);
    if (!user) throw new UserNotFoundError();
    return user;
  }

  /** The user with this email (ignoring case), enabled or disabled, or null. */
  findByEmail(email: string): Promise<UserView | null> {
    return this.queries.execute(new FindUserByEmailQuery(email));
  }

  /** Every back-office user, disabled ones included, by email (staff lists are short: no paging). */
  list(): Promise<UserView[]> {
    return this.queries.execute(new ListUsersQuery());
  }

  /** Renames a user (notes they wrote keep the name they had). @throws UserNotFoundError */
  rename(id: number, name: string): Promise<UserView> {
    return this.update(id, { name });
  }

  /**
   * Changes a user's name, role or whether they are disabled. A new role applies to the user's current sessions at
   * once (the back office reads the role from the user on every request); disabling ends every session (the token
   * version is raised) and refuses logins until the user is enabled again. There is always an enabled admin left:
   * the change and the check run under a lock of the enabled admins, so concurrent changes cannot both pass it.
   * `actorId` is the signed-in user who asks: they may not disable themselves or change their own role.
   * @throws UserNotFoundError, LastEnabledAdminError, UserSelfLockoutError
   */
  update(id: number, changes: UserChanges, actorId?: number): Promise<UserView> {
    return this.commands.execute(new UpdateUserCommand(id, changes, actorId));
  }

  /**
   * Sets a new password (the password policies apply; hashed with argon2id) and ends every session of the user by
   * raising the token version.
   * @throws UserNotFoundError, PasswordPolicyViolationError
   */
  setPassword(id: number, password: string): Promise<void> {
    return this.commands.execute(new SetUserPasswordCommand(id, password));
  }

  /**
   * Ends one session: the token with id `tokenId` (its `jti`) stops working at once; the user's other sessions go on.
   * `expiresAt` is the token's own expiry, after which the record of it is dropped.
   */
  signOutSession(userId: number, tokenId: string, expiresAt: Date): Promise<void> {
    return this.commands.execute(new SignOutSessionCommand(userId, tokenId, expiresAt));
  }

  /**
   * Creates a back-office user (the password policies apply; hashed with argon2id).
   * @throws UserEmailTakenError, PasswordPolicyViolationError
   */
  create(input: NewUser): Promise<UserView> {
    return this.commands.execute(new CreateUserCommand(input));
  }

  /**
   * Checks a back-office login (email ignoring case) and returns the user with the token version to sign into the
   * token. Unknown emails, wrong passwords and disabled users are refused alike, in the same time.
   * @throws UserAuthenticationFailedError
   */
  authenticate(email: string, password: string): Promise<AuthenticatedUser> {
    return this.commands.execute(new AuthenticateUserCommand(email, password));
  }

  /**
   * Who a token of user `id` carrying `tokenVersion` belongs to, with the name and role the user has now; null when
   * the user is unknown or disabled, or the token version is no longer the current one (a password was set or the
   * user disabled since). One primary-key lookup, no cache: every change applies to the next request, in every process.
   */
  findSignedIn(id: number, tokenVersion: number, tokenId?: string): Promise<SignedInUser | null> {
    return this.queries.execute(new FindSignedInUserQuery(id, tokenVersion, tokenId));
  }
}
