import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { SignOutSessionCommand } from './sign-out-session.command';

@CommandHandler(SignOutSessionCommand)
export class SignOutSessionHandler implements ICommandHandler<SignOutSessionCommand> {
  constructor(private readonly em: EntityManager, private readonly clock: Clock) {}

  async execute({ userId, tokenId, expiresAt }: SignOutSessionCommand): Promise<void> {
    const em = forkJoiningTransaction(this.em);
    await em.execute('insert into backoffice_signed_out_token (jti, user_id, expires_at) values (?, ?, ?) on conflict (jti) do nothing', [
      tokenId,
      userId,
      expiresAt,
    ]);
    // Expired tokens are refused anyway: their rows only take space.
    await em.execute('delete from backoffice_signed_out_token where expires_at < ?', [this.clock.now()]);
  }
}
