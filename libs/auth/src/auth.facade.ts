import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { AuthConfig } from './auth.config';
import { AccessTokenClaims, TokenPair } from './dto/token-pair';
import { LogInCustomerCommand } from './commands/log-in-customer/log-in-customer.command';
import { RefreshAccessTokenCommand } from './commands/refresh-access-token/refresh-access-token.command';
import { RevokeRefreshTokensCommand } from './commands/revoke-refresh-tokens/revoke-refresh-tokens.command';

@Injectable()
export class AuthFacade {
  constructor(private readonly commands: CommandBus, private readonly jwt: JwtService, private readonly config: AuthConfig) {}

  /**
   * Logs a customer in with email (any case) and password and issues an access token (JWT carrying the customer
   * reference) and a refresh token (stored hashed).
   * @throws AuthenticationFailedError (customer module) for every kind of refusal alike
   */
  logIn(username: string, password: string): Promise<TokenPair> {
    return this.commands.execute(new LogInCustomerCommand(username, password));
  }

  /**
   * Spends a refresh token and issues a new pair (rotation).
   * @throws InvalidRefreshTokenError for an unknown, spent, revoked or expired token, or a deleted customer
   */
  refresh(refreshToken: string): Promise<TokenPair> {
    return this.commands.execute(new RefreshAccessTokenCommand(refreshToken));
  }

  /** Revokes one refresh token of the customer; a token of someone else is left alone. Returns how many were revoked. */
  revoke(customerReference: string, refreshToken: string): Promise<number> {
    return this.commands.execute(new RevokeRefreshTokensCommand(customerReference, refreshToken));
  }

  /** Revokes every refresh token of the customer (joins the caller's transaction when there is one). */
  revokeAll(customerReference: string): Promise<number> {
    return this.commands.execute(new RevokeRefreshTokensCommand(customerReference));
  }

  /** Checks signature, audience and expiry of an access token; null when it is not valid. */
  verifyAccessToken(token: string): AccessTokenClaims | null {
    try {
      const claims = this.jwt.verify<{ sub: string }>(token, { audience: this.config.audience, issuer: this.config.issuer });
      return typeof claims.sub === 'string' ? { customerReference: claims.sub } : null;
    } catch {
      return null;
    }
  }
}
