import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthConfig, AccessTokenClaims } from '@patron/auth';

/** passport-jwt strategy for storefront access tokens (HS256, storefront audience). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'storefront-jwt') {
  constructor(config: AuthConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      audience: config.audience,
      issuer: config.issuer,
      algorithms: ['HS256'],
    });
  }

  validate(payload: { sub?: unknown }): AccessTokenClaims | false {
    return typeof payload.sub === 'string' && payload.sub ? { customerReference: payload.sub } : false;
  }
}
