import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessTokenClaims, AuthFacade } from '@patron/auth';
import { GLUE_ERRORS } from '../glue/glue-error';

type AuthenticatedRequest = { headers: Record<string, string | string[] | undefined>; user?: AccessTokenClaims };

/** The token of an `Authorization: Bearer <token>` header (scheme in any case, nothing after the token). */
const bearerToken = (header: string): string | null => /^bearer\s+(\S+)$/i.exec(header.trim())?.[1] ?? null;

/**
 * Protected routes: no `Authorization` header (or a blank one) → 403 `002`; anything else that is not a valid bearer
 * token (another scheme, an invalid, expired or forged token, one issued before the customer's last password
 * change) → 401 `001`. Checks the token directly (HS256, storefront audience and issuer,
 * current token version) rather than through a passport strategy, which costs more than the check on every request.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(private readonly auth: AuthFacade) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (typeof header !== 'string' || header.trim() === '') throw GLUE_ERRORS.missingAccessToken();
    const token = bearerToken(header);
    const claims = token ? this.auth.verifyAccessToken(token) : null;
    if (claims && (await this.auth.isCurrent(claims))) {
      request.user = claims;
      return true;
    }
    throw GLUE_ERRORS.invalidAccessToken();
  }
}

/** The authenticated customer's claims (after `AccessTokenGuard`). */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): AccessTokenClaims => context.switchToHttp().getRequest().user,
);
