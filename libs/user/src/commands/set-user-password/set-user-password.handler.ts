import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PasswordFacade } from '@patron/password';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from '../../domain/backoffice-user.entity';
import { UserNotFoundError } from '../../domain/user.errors';
import { SetUserPasswordCommand } from './set-user-password.command';

@CommandHandler(SetUserPasswordCommand)
export class SetUserPasswordHandler implements ICommandHandler<SetUserPasswordCommand> {
  constructor(private readonly em: EntityManager, private readonly passwords: PasswordFacade, private readonly clock: Clock) {}

  async execute({ id, password }: SetUserPasswordCommand): Promise<void> {
    const passwordHash = await this.passwords.hashNewPassword(password);
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      const user = await em.findOne(BackofficeUser, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw new UserNotFoundError();
      user.setPasswordHash(passwordHash, this.clock.now());
      await em.flush();
    });
  }
}
