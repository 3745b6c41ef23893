import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, hashSecretToken } from '@patron/shared-kernel';
import { RefreshToken } from '../../domain/refresh-token.entity';
import { RevokeRefreshTokensCommand } from './revoke-refresh-tokens.command';

@CommandHandler(RevokeRefreshTokensCommand)
export class RevokeRefreshTokensHandler implements ICommandHandler<RevokeRefreshTokensCommand> {
  constructor(private readonly em: EntityManager, private readonly clock: Clock) {}

  execute({ customerReference, refreshToken }: RevokeRefreshTokensCommand): Promise<number> {
    // `this.em` (not a fork) so that, called from an anonymizer plugin, the update joins the caller's transaction.
    return this.em.nativeUpdate(
      RefreshToken,
      { customerReference, revokedAt: null, ...(refreshToken !== undefined ? { tokenHash: hashSecretToken(refreshToken) } : {}) },
      { revokedAt: this.clock.now() },
    );
  }
}
