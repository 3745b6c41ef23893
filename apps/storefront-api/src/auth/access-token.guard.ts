import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { ExtractJwt } from 'passport-jwt';
import { AccessTokenClaims, AuthFacade } from '@patron/auth';
import { GLUE_ERRORS } from '../glue/glue-error';

type AuthenticatedRequest = { headers: Record<string, string | string[] | undefined>; user?: AccessTokenClaims };

/** The token of an `Authorization: Bearer …` header (scheme in any case), as passport-jwt reads it. */
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Protected routes: no bearer token → 403 `002`; an invalid, expired or forged one, or one issued before the
 * customer's last password change → 401 `001`. Checks the token directly (HS256, storefront audience and issuer,
 * current token version) rather than through a passport strategy, which costs more than the check on every request.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(private readonly auth: AuthFacade) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request as never);
    const claims = token ? this.auth.verifyAccessToken(token) : null;
    if (claims && (await this.auth.isCurrent(claims))) {
      request.user = claims;
      return true;
    }
    const header = request.headers.authorization;
    const noToken = typeof header !== 'string' || !/^bearer\s+\S/i.test(header.trim());
    throw noToken ? GLUE_ERRORS.missingAccessToken() : GLUE_ERRORS.invalidAccessToken();
  }
}

/** The authenticated customer's claims (after `AccessTokenGuard`). */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): AccessTokenClaims => context.switchToHttp().getRequest().user,
);
