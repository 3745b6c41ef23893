import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { z } from 'zod';
import { LoginFailed, LoginRefusedWhileBlocked, LoginThrottle } from '@patron/auth';
import { EventBus } from '@nestjs/cqrs';
import { UserAuthenticationFailedError, UserFacade } from '@patron/user';
import { BackofficeError, ERROR_BODY } from '../http/backoffice-error';
import { ApiJsonBody, validateBody } from '../http/validate';
import { BACKOFFICE_AUDIENCE, currentStaff, Staff, StaffClaims, StaffOnly, StaffTokenPayload, staffBearerToken, tokenClaimsOf } from './staff-auth';
import { QUEUE_DASHBOARD_PATH, STAFF_TOKEN_COOKIE } from '../queue-dashboard/queue-dashboard';

export const BACKOFFICE_LOGIN_THROTTLE = Symbol('backoffice.login-throttle');
const TOKEN_TTL_SECONDS = 8 * 3600;
const LOGIN = z.object({ email: z.string().min(1), password: z.string().min(1) });
/** The queue dashboard is opened by a link, which cannot send the bearer token: admins get it as this cookie too. */
const dashboardCookie = (request: Request): CookieOptions => ({ path: QUEUE_DASHBOARD_PATH, httpOnly: true, sameSite: 'strict', secure: request.secure });

@Controller('api/auth')
@ApiTags('auth')
export class AuthController {
  constructor(
    private readonly users: UserFacade,
    private readonly jwt: JwtService,
    @Inject(BACKOFFICE_LOGIN_THROTTLE) private readonly throttle: LoginThrottle,
    private readonly events: EventBus,
  ) {}

  /**
   * Back-office login: a JWT for the back office only (8 h), which stops working at once when the user is disabled or
   * gets a new password. Failures are counted per IP + email, as on the storefront; disabled users are refused as a
   * wrong password is.
   * Admins also get the token as an HttpOnly, same-site cookie that only the queue dashboard's path receives.
   */
  @Post('login')
  @HttpCode(200)
  @ApiJsonBody(LOGIN)
  @ApiOkResponse({ description: 'Signed in: `accessToken` is the bearer token for the other endpoints' })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password', schema: ERROR_BODY })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins from this address for this email', schema: ERROR_BODY })
  async login(@Body() body: unknown, @Ip() clientIp: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { email, password } = validateBody(LOGIN, body);
    const blocked = await this.throttle.admit(clientIp, email);
    if (blocked !== null) {
      this.events.publish(new LoginRefusedWhileBlocked('backoffice'));
      response.setHeader('Retry-After', String(blocked * 60));
      throw new BackofficeError(429, `Too many log in attempts from your address. Please wait ${blocked} minutes before trying again.`);
    }
    try {
      const user = await this.users.authenticate(email, password);
      await this.throttle.reset(clientIp, email);
      // Only who and which token version: name and role are read from the user record on every request.
      const accessToken = await this.jwt.signAsync(
        { tv: user.tokenVersion },
        { subject: String(user.id), audience: BACKOFFICE_AUDIENCE, issuer: 'patron', expiresIn: TOKEN_TTL_SECONDS, jwtid: randomUUID() },
      );
      if (user.role === 'admin') response.cookie(STAFF_TOKEN_COOKIE, accessToken, { ...dashboardCookie(request), maxAge: TOKEN_TTL_SECONDS * 1000 });
      else response.clearCookie(STAFF_TOKEN_COOKIE, dashboardCookie(request));
      return { tokenType: 'Bearer', accessToken, expiresIn: TOKEN_TTL_SECONDS, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
    } catch (error) {
      if (error instanceof UserAuthenticationFailedError) {
        await this.throttle.recordFailure(clientIp, email);
        this.events.publish(new LoginFailed('backoffice'));
      }
      throw error;
    }
  }

  /**
   * Signing out: with a valid bearer token, ends that session (the token, and the dashboard cookie holding it, stop
   * working; the user's other sessions go on); always forgets the queue dashboard's cookie. Open to anyone, so a
   * client with an expired token can still sign out.
   */
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = staffBearerToken(request);
    const payload = token
      ? await this.jwt.verifyAsync<StaffTokenPayload & { exp: number }>(token, { audience: BACKOFFICE_AUDIENCE, issuer: 'patron', algorithms: ['HS256'] }).catch(() => null)
      : null;
    const staff = payload && (await currentStaff(this.users, payload));
    const tokenId = payload && tokenClaimsOf(payload)?.tokenId;
    if (staff && tokenId) await this.users.signOutSession(staff.userId, tokenId, new Date(payload.exp * 1000));
    response.clearCookie(STAFF_TOKEN_COOKIE, dashboardCookie(request));
  }

  /** Who the token belongs to, with the name and role the user has now. */
  @Get('me')
  @StaffOnly()
  me(@Staff() staff: StaffClaims) {
    return staff;
  }
}
