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
      const spent: { customer_reference: string }[] = await em.execute(
        `update "customer_refresh_token" set "revoked_at" = ? where "token_hash" = ? and "revoked_at" is null and "expires_at" > ?
         returning "customer_reference"`,
        [now, hashSecretToken(refreshToken), now],
      );
      if (spent.length === 0) throw new InvalidRefreshTokenError();
      const customer = await this.customers.findByReference(spent[0].customer_reference);
      if (!customer) throw new InvalidRefreshTokenError();
      return this.tokens.issue(em, customer.reference);
    });
  }
}
