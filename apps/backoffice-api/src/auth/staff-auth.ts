import { applyDecorators, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
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

/** passport-jwt strategy for back-office tokens: their own audience, so storefront tokens are refused. */
@Injectable()
export class StaffJwtStrategy extends PassportStrategy(Strategy, 'backoffice-jwt') {
  constructor(secret: string) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: secret, audience: BACKOFFICE_AUDIENCE, issuer: 'patron', algorithms: ['HS256'] });
  }

  validate(payload: { sub?: unknown; name?: unknown; role?: unknown }): StaffClaims | false {
    const userId = Number(payload.sub);
    return Number.isInteger(userId) && (payload.role === 'admin' || payload.role === 'agent')
      ? { userId, name: String(payload.name ?? ''), role: payload.role }
      : false;
  }
}

const ROLES = 'backoffice.roles';
/** Only these roles may call the endpoint (default: any signed-in back-office user); the OpenAPI document shows its 403. */
export const Roles = (...roles: UserRole[]) => applyDecorators(SetMetadata(ROLES, roles), ApiExtension(ROLES_EXTENSION, roles));

/** Signed-in back-office users only: 401 without a valid token, 403 without the endpoint's role. */
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
