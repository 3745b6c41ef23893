import { Command } from '@nestjs/cqrs';
import { UserChanges, UserView } from '../../dto/user.view';

export class UpdateUserCommand extends Command<UserView> {
  /** `actorId`: the signed-in user making the change (none from the command line). */
  constructor(readonly id: number, readonly changes: UserChanges, readonly actorId?: number) {
    super();
  }
}
