import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { AccessTokenClaims } from '@patron/auth';
import { GLUE_ERRORS } from '../glue/glue-error';

/** Protected routes: no bearer token → 403 `002`; an invalid, expired or forged one → 401 `001`. */
@Injectable()
export class AccessTokenGuard extends AuthGuard('storefront-jwt') {
  override handleRequest<T>(error: unknown, claims: T, _info: unknown, context: ExecutionContext): T {
    if (claims) return claims;
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization;
    const noToken = !header || !/^bearer\s+\S/i.test(header.trim());
    if (error) throw error;
    throw noToken ? GLUE_ERRORS.missingAccessToken() : GLUE_ERRORS.invalidAccessToken();
  }
}

/** The authenticated customer's claims (after `AccessTokenGuard`). */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): AccessTokenClaims => context.switchToHttp().getRequest().user,
);
