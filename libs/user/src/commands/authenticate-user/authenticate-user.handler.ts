import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PasswordFacade } from '@patron/password';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from '../../domain/backoffice-user.entity';
import { UserAuthenticationFailedError } from '../../domain/user.errors';
import { toUserView, UserView } from '../../dto/user.view';
import { AuthenticateUserCommand } from './authenticate-user.command';

@CommandHandler(AuthenticateUserCommand)
export class AuthenticateUserHandler implements ICommandHandler<AuthenticateUserCommand> {
  constructor(private readonly em: EntityManager, private readonly passwords: PasswordFacade) {}

  async execute({ email, password }: AuthenticateUserCommand): Promise<UserView> {
    const started = performance.now();
    const em = forkJoiningTransaction(this.em);
    const user = await em.findOne(BackofficeUser, { emailNormalized: email.trim().toLowerCase() });
    const valid = user ? (await this.passwords.verify(user.passwordHash, password)).valid : await this.passwords.verifyAgainstDummy(password);
    if (!user || !valid) {
      await this.passwords.equalizeFailure(started);
      throw new UserAuthenticationFailedError();
    }
    return toUserView(user);
  }
}
