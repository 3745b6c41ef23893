import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PasswordFacade } from '@patron/password';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { BackofficeUser } from '../../domain/backoffice-user.entity';
import { UserEmailTakenError } from '../../domain/user.errors';
import { toUserView, UserView } from '../../dto/user.view';
import { CreateUserCommand } from './create-user.command';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(private readonly em: EntityManager, private readonly passwords: PasswordFacade, private readonly clock: Clock) {}

  async execute({ input }: CreateUserCommand): Promise<UserView> {
    const passwordHash = await this.passwords.hashNewPassword(input.password);
    const now = this.clock.now();
    const user = Object.assign(new BackofficeUser(), {
      email: input.email.trim(),
      emailNormalized: input.email.trim().toLowerCase(),
      name: input.name.trim(),
      role: input.role,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await forkJoiningTransaction(this.em).persistAndFlush(user);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new UserEmailTakenError();
      throw error;
    }
    return toUserView(user);
  }
}
