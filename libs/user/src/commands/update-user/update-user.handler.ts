import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from '../../domain/backoffice-user.entity';
import { LastEnabledAdminError, UserNotFoundError, UserSelfLockoutError } from '../../domain/user.errors';
import { toUserView, UserView } from '../../dto/user.view';
import { UpdateUserCommand } from './update-user.command';

@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand> {
  constructor(private readonly em: EntityManager, private readonly clock: Clock) {}

  async execute({ id, changes, actorId }: UpdateUserCommand): Promise<UserView> {
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      // The user and every enabled admin, locked in id order: two admins demoting each other at the same time are
      // serialized, and the second one sees that only one admin is left.
      const locked = await em.execute<{ id: string | number }[]>(
        `select id from backoffice_user where id = ? or (role = 'admin' and disabled_at is null) order by id for update`,
        [id],
      );
      if (!locked.some((row) => Number(row.id) === id)) throw new UserNotFoundError();
      const user = await em.findOneOrFail(BackofficeUser, { id });
      const demoted = changes.role !== undefined && changes.role !== user.role;
      const disabled = changes.disabled === true && user.disabledAt === null;
      if (user.isEnabledAdmin && (demoted || disabled)) {
        const otherAdmins = await em.count(BackofficeUser, { id: { $ne: id }, role: 'admin', disabledAt: null });
        if (otherAdmins === 0) throw new LastEnabledAdminError(demoted ? 'role' : 'disabled');
      }
      if (actorId === id && demoted) throw new UserSelfLockoutError('role');
      if (actorId === id && disabled) throw new UserSelfLockoutError('disabled');
      const now = this.clock.now();
      if (changes.name !== undefined) user.rename(changes.name, now);
      if (changes.role !== undefined) user.changeRole(changes.role, now);
      if (changes.disabled === true) user.disable(now);
      if (changes.disabled === false) user.enable(now);
      await em.flush();
      return toUserView(user);
    });
  }
}
