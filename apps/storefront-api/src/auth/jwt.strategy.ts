import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenClaims, AuthConfig, AuthFacade } from '@patron/auth';

/** passport-jwt strategy for storefront access tokens (HS256, storefront audience, current token version). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'storefront-jwt') {
  constructor(config: AuthConfig, private readonly auth: AuthFacade) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
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
