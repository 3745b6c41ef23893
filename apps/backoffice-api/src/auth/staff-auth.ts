import { applyDecorators, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { UserFacade } from '@patron/user';
import type { UserRole } from '@patron/user';
import { BackofficeError } from '../http/backoffice-error';
import { ROLES_EXTENSION } from '../http/openapi';

export const BACKOFFICE_AUDIENCE = 'patron-backoffice';
export const BACKOFFICE_JWT_SECRET = Symbol('backoffice.jwt-secret');

export interface StaffClaims {
  userId: number;
  name: string;
  role: UserRole;
}

export interface StaffTokenPayload {
  sub?: unknown;
  tv?: unknown;
  jti?: unknown;
}

/** The token of an `Authorization: Bearer …` header, as the guard reads it. */
export const staffBearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a back-office token carries: the user id (`sub`), the user's token version (`tv`) when it was issued, and the
 * token's own id (`jti`, by which logout ends this session only; tokens issued before it existed have none).
 */
export const tokenClaimsOf = (payload: StaffTokenPayload): { userId: number; tokenVersion: number; tokenId?: string } | null => {
  const userId = typeof payload.sub === 'string' && /^\d{1,15}$/.test(payload.sub) ? Number(payload.sub) : NaN;
  if (!Number.isSafeInteger(userId) || !Number.isInteger(payload.tv)) return null;
  if (payload.jti !== undefined && !(typeof payload.jti === 'string' && UUID.test(payload.jti))) return null;
  return { userId, tokenVersion: payload.tv as number, ...(payload.jti ? { tokenId: payload.jti as string } : {}) };
};

/**
 * The signed-in staff member behind a verified token payload, with the name and role their user record has now;
 * null when the user is gone or disabled, the token is older than the user's last password change or disabling, or
 * its session was signed out.
 * One primary-key lookup per request (no cache), so a change made by any process applies to the next request.
 */
export const currentStaff = async (users: UserFacade, payload: StaffTokenPayload): Promise<StaffClaims | null> => {
  const claims = tokenClaimsOf(payload);
  const user = claims && (await users.findSignedIn(claims.userId, claims.tokenVersion, claims.tokenId));
  return user ? { userId: user.id, name: user.name, role: user.role } : null;
};

/** passport-jwt strategy for back-office tokens: their own audience, so storefront tokens are refused. */
@Injectable()
export class StaffJwtStrategy extends PassportStrategy(Strategy, 'backoffice-jwt') {
  constructor(secret: string, private readonly users: UserFacade) {
    super({ jwtFromRequest: staffBearerToken, secretOrKey: secret, audience: BACKOFFICE_AUDIENCE, issuer: 'patron', algorithms: ['HS256'] });
  }

  async validate(payload: StaffTokenPayload): Promise<StaffClaims | false> {
    return (await currentStaff(this.users, payload)) ?? false;
  }
}

const ROLES = 'backoffice.roles';
/** Only these roles may call the endpoint (default: any signed-in back-office user); the OpenAPI document shows its 403. */
export const Roles = (...roles: UserRole[]) => applyDecorators(SetMetadata(ROLES, roles), ApiExtension(ROLES_EXTENSION, roles));

/**
 * Signed-in back-office users only: 401 without a valid token (or for a disabled user, or a token from before the
 * user's last password change), 403 without the endpoint's role as the user record has it now.
 */
@Injectable()
export class StaffGuard extends AuthGuard('backoffice-jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override handleRequest<T>(error: unknown, claims: T, _info: unknown, context: ExecutionContext): T {
    if (error) throw error;
    if (!claims) throw new BackofficeError(401, 'A valid back-office access token is required.');
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes((claims as unknown as StaffClaims).role)) {
      throw new BackofficeError(403, `This needs the role ${roles.join(' or ')}.`);
    }
    return claims;
  }
}

export const Staff = createParamDecorator((_: unknown, context: ExecutionContext): StaffClaims => context.switchToHttp().getRequest().user);

/** Signed-in back-office users only (`StaffGuard`); bearer-token endpoints with their 401 in the OpenAPI document. */
export const StaffOnly = () => applyDecorators(UseGuards(StaffGuard), ApiBearerAuth());
