import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RefreshToken } from '../../domain/refresh-token.entity';
import { PurgeExpiredRefreshTokensCommand } from './purge-expired-refresh-tokens.command';

@CommandHandler(PurgeExpiredRefreshTokensCommand)
export class PurgeExpiredRefreshTokensHandler implements ICommandHandler<PurgeExpiredRefreshTokensCommand> {
  constructor(private readonly em: EntityManager) {}

  execute({ expiredBefore }: PurgeExpiredRefreshTokensCommand): Promise<number> {
    // Spent and revoked tokens stay until they expire: a spent token sent again is still recognised as spent.
    return this.em.fork().nativeDelete(RefreshToken, { expiresAt: { $lt: expiredBefore } });
  }
}
