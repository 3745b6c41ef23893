import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock, hashSecretToken, newSecretToken } from '@patron/shared-kernel';
import { AuthConfig } from '../auth.config';
import { TokenPair } from '../dto/token-pair';
import { RefreshToken } from './refresh-token.entity';

/** Signs access tokens and stores new refresh tokens (hashed). */
@Injectable()
export class TokenIssuer {
  constructor(private readonly jwt: JwtService, private readonly config: AuthConfig, private readonly clock: Clock) {}

  async issue(em: EntityManager, customerReference: string, tokenVersion: number): Promise<TokenPair> {
    const now = this.clock.now();
    const refreshToken = newSecretToken();
    // One insert statement (joining the caller's transaction, if any), not a unit-of-work flush: outside a transaction
    // a flush wraps its insert in begin and commit, three round trips on every login.
    await em.insert(RefreshToken, {
      tokenHash: hashSecretToken(refreshToken),
      customerReference,
      tokenVersion,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000),
    });
    const accessToken = await this.jwt.signAsync(
      { customer_reference: customerReference, tv: tokenVersion },
      { subject: customerReference, expiresIn: this.config.accessTokenTtlSeconds, audience: this.config.audience, issuer: this.config.issuer, jwtid: randomUUID() },
    );
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      refreshToken,
      refreshTokenExpiresIn: this.config.refreshTokenTtlSeconds,
    };
  }
}
