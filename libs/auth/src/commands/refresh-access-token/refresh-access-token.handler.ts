import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerFacade } from '@patron/customer';
import { Clock, hashSecretToken, forkJoiningTransaction } from '@patron/shared-kernel';
import { InvalidRefreshTokenError } from '../../domain/auth.errors';
import { RefreshToken } from '../../domain/refresh-token.entity';
import { TokenIssuer } from '../../domain/token-issuer';
import { TokenPair } from '../../dto/token-pair';
import { RefreshAccessTokenCommand } from './refresh-access-token.command';

@CommandHandler(RefreshAccessTokenCommand)
export class RefreshAccessTokenHandler implements ICommandHandler<RefreshAccessTokenCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly customers: CustomerFacade,
    private readonly tokens: TokenIssuer,
    private readonly clock: Clock,
  ) {}

  async execute({ refreshToken }: RefreshAccessTokenCommand): Promise<TokenPair> {
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      const now = this.clock.now();
      // Spending the token is one conditional update, so two concurrent refreshes cannot both succeed.
      const spent: { customer_reference: string; token_version: number }[] = await em.execute(
        `update "customer_refresh_token" set "revoked_at" = ? where "token_hash" = ? and "revoked_at" is null and "expires_at" > ?
         returning "customer_reference", "token_version"`,
        [now, hashSecretToken(refreshToken), now],
      );
      if (spent.length === 0) throw new InvalidRefreshTokenError();
      const current = await this.customers.findTokenVersion(spent[0].customer_reference);
      // A password change or deletion since the token was issued makes it useless.
      if (current === null || current.version !== spent[0].token_version) throw new InvalidRefreshTokenError();
      return this.tokens.issue(em, spent[0].customer_reference, current.version);
    });
  }
}
