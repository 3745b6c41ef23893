import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PasswordFacade } from '@patron/password';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from '../../domain/backoffice-user.entity';
import { UserAuthenticationFailedError } from '../../domain/user.errors';
import { AuthenticatedUser, toUserView } from '../../dto/user.view';
import { AuthenticateUserCommand } from './authenticate-user.command';

@CommandHandler(AuthenticateUserCommand)
export class AuthenticateUserHandler implements ICommandHandler<AuthenticateUserCommand> {
  constructor(private readonly em: EntityManager, private readonly passwords: PasswordFacade) {}

  async execute({ email, password }: AuthenticateUserCommand): Promise<AuthenticatedUser> {
    const started = performance.now();
    const em = forkJoiningTransaction(this.em);
    const user = await em.findOne(BackofficeUser, { emailNormalized: email.trim().toLowerCase() });
    const valid = user ? (await this.passwords.verify(user.passwordHash, password)).valid : await this.passwords.verifyAgainstDummy(password);
    // A disabled user is refused after the same password check, with the same error and time as a wrong password.
    if (!user || !valid || user.disabledAt !== null) {
      await this.passwords.equalizeFailure(started);
      throw new UserAuthenticationFailedError();
    }
    return { ...toUserView(user), tokenVersion: user.tokenVersion };
  }
}
