import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenClaims, AuthConfig, AuthFacade } from '@patron/auth';

/** passport-jwt strategy for storefront access tokens (HS256, storefront audience, current token version). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'storefront-jwt') {
  constructor(config: AuthConfig, private readonly auth: AuthFacade) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given the secret as a string, jsonwebtoken builds one on every verify.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      audience: config.audience,
      issuer: config.issuer,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: { sub?: unknown; tv?: unknown }): Promise<AccessTokenClaims | false> {
    const claims = AuthFacade.claimsOf(payload);
    return claims && (await this.auth.isCurrent(claims)) ? claims : false;
  }
}
