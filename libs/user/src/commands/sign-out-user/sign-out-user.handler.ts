import { EntityManager, raw } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from '../../domain/backoffice-user.entity';
import { SignOutUserCommand } from './sign-out-user.command';

@CommandHandler(SignOutUserCommand)
export class SignOutUserHandler implements ICommandHandler<SignOutUserCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ id }: SignOutUserCommand): Promise<void> {
    // One atomic increment: two sign-outs at once both end every session, and no other column is touched.
    await forkJoiningTransaction(this.em).nativeUpdate(BackofficeUser, { id }, { tokenVersion: raw('token_version + 1') });
  }
}
