import { Injectable } from '@nestjs/common';
import { CommandBus, EventBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { AuthenticationFailedError, CustomerFacade, TokenVersion } from '@patron/customer';
import { AuthConfig } from './auth.config';
import { AccessTokenClaims, TokenPair } from './dto/token-pair';
import { LoginBlockedError } from './domain/auth.errors';
import { LoginThrottle } from './domain/login-throttle';
import { LoginFailed, LoginRefusedWhileBlocked } from './events/login-events';
import { LogInCustomerCommand } from './commands/log-in-customer/log-in-customer.command';
import { RefreshAccessTokenCommand } from './commands/refresh-access-token/refresh-access-token.command';
import { RevokeRefreshTokensCommand } from './commands/revoke-refresh-tokens/revoke-refresh-tokens.command';
import { PurgeExpiredRefreshTokensCommand } from './commands/purge-expired-refresh-tokens/purge-expired-refresh-tokens.command';

@Injectable()
export class AuthFacade {
  /** Token versions by customer reference; `null` for a deleted or unknown customer. */
  private readonly versions: LRUCache<string, { version: TokenVersion | null }>;

  constructor(
    private readonly commands: CommandBus,
    private readonly jwt: JwtService,
    private readonly config: AuthConfig,
    private readonly throttle: LoginThrottle,
    private readonly customers: CustomerFacade,
    private readonly events: EventBus,
  ) {
    this.versions = new LRUCache({ max: 50_000, ttl: config.tokenVersionCacheMs });
  }

  /**
   * Logs a customer in with email (any case) and password and issues an access token (JWT carrying the customer
   * reference and token version) and a refresh token (stored hashed). Attempts are counted per `clientIp` +
   * username (ignoring case) before the password is checked, so that parallel requests cannot exceed the limit;
   * a blocked pair is refused without a password check, and a successful login clears the pair's count.
   * @throws LoginBlockedError; AuthenticationFailedError (customer module) for every kind of refusal alike
   */
  async logIn(username: string, password: string, clientIp = 'unknown'): Promise<TokenPair> {
    const blocked = await this.throttle.admit(clientIp, username);
    if (blocked !== null) {
      this.events.publish(new LoginRefusedWhileBlocked('storefront'));
      throw new LoginBlockedError(blocked);
    }
    try {
      const tokens = await this.commands.execute(new LogInCustomerCommand(username, password));
      // Not awaited: the reset is sent now, before the answer, on the connection every later count of the pair uses
      // after it, so no later attempt can miss it; waiting for its reply would only hold the answer back.
      void this.throttle.reset(clientIp, username);
      return tokens;
    } catch (error) {
      if (error instanceof AuthenticationFailedError) {
        await this.throttle.recordFailure(clientIp, username);
        this.events.publish(new LoginFailed('storefront'));
      } else {
        await this.throttle.refund(clientIp, username);
      }
      throw error;
    }
  }

  /**
   * Spends a refresh token and issues a new pair (rotation).
   * @throws InvalidRefreshTokenError for an unknown, spent, revoked or expired token, a password changed since, or
   *   a deleted customer
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

  /** Deletes the refresh tokens that expired before `expiredBefore` (spent and revoked ones included). Returns how many. */
  purgeExpiredRefreshTokens(expiredBefore: Date): Promise<number> {
    return this.commands.execute(new PurgeExpiredRefreshTokensCommand(expiredBefore));
  }

  /** Checks signature, audience and expiry of an access token; null when it is not valid. Does not check the token version. */
  verifyAccessToken(token: string): AccessTokenClaims | null {
    try {
      return AuthFacade.claimsOf(this.jwt.verify(token, { audience: this.config.audience, issuer: this.config.issuer }));
    } catch {
      return null;
    }
  }

  /**
   * True while the token's version is the customer's current one, or the token is the one a password change kept
   * (the session that made it): false after a password change or reset otherwise, or for a deleted customer.
   * Versions are cached per process for `tokenVersionCacheMs`; this process's own changes apply at once through
   * `forgetTokenVersion`.
   */
  async isCurrent(claims: AccessTokenClaims): Promise<boolean> {
    let entry = this.versions.get(claims.customerReference);
    if (!entry) {
      entry = { version: await this.customers.findTokenVersion(claims.customerReference) };
      this.versions.set(claims.customerReference, entry);
    }
    const current = entry.version;
    return current !== null && (current.version === claims.tokenVersion || (claims.tokenId !== undefined && claims.tokenId === current.keptTokenId));
  }

  /** Drops the cached token version of a customer whose credentials just changed in this process. */
  forgetTokenVersion(customerReference: string): void {
    this.versions.delete(customerReference);
  }

  /** The claims of a verified JWT payload, or null when it lacks them. */
  static claimsOf(payload: { sub?: unknown; tv?: unknown; jti?: unknown }): AccessTokenClaims | null {
    if (typeof payload.sub !== 'string' || !payload.sub || !Number.isInteger(payload.tv)) return null;
    const claims: AccessTokenClaims = { customerReference: payload.sub, tokenVersion: payload.tv as number };
    if (typeof payload.jti === 'string') claims.tokenId = payload.jti;
    return claims;
  }
}
