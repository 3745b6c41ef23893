import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { JwtService } from '@nestjs/jwt';
import { z } from 'zod';
import { LoginFailed, LoginRefusedWhileBlocked, LoginThrottle } from '@patron/auth';
import { EventBus } from '@nestjs/cqrs';
import { UserAuthenticationFailedError, UserFacade } from '@patron/user';
import { BackofficeError } from '../http/backoffice-error';
import { ApiJsonBody, validateBody } from '../http/validate';
import { BACKOFFICE_AUDIENCE, Staff, StaffClaims, StaffGuard } from './staff-auth';
import { QUEUE_DASHBOARD_PATH, STAFF_TOKEN_COOKIE } from '../queue-dashboard/queue-dashboard';

export const BACKOFFICE_LOGIN_THROTTLE = Symbol('backoffice.login-throttle');
const TOKEN_TTL_SECONDS = 8 * 3600;
const dashboardCookie = (request: Request) =>
  ({ path: QUEUE_DASHBOARD_PATH, httpOnly: true, sameSite: 'strict', secure: request.secure }) as const;
const LOGIN = z.object({ email: z.string().min(1), password: z.string().min(1) });

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly users: UserFacade,
    private readonly jwt: JwtService,
    @Inject(BACKOFFICE_LOGIN_THROTTLE) private readonly throttle: LoginThrottle,
    private readonly events: EventBus,
  ) {}

  /**
   * Back-office login: a JWT for the back office only (8 h). Failures are counted per IP + email, as on the storefront.
   * Admins also get the token as an HttpOnly, SameSite=Strict cookie limited to the queue dashboard, which a browser
   * opens through a plain link.
   */
  @Post('login')
  @HttpCode(200)
  @ApiJsonBody(LOGIN)
  async login(@Body() body: unknown, @Ip() clientIp: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { email, password } = validateBody(LOGIN, body);
    const blocked = await this.throttle.blockedMinutes(clientIp, email);
    if (blocked !== null) {
      this.events.publish(new LoginRefusedWhileBlocked('backoffice'));
      throw new BackofficeError(429, `Too many log in attempts from your address. Please wait ${blocked} minutes before trying again.`);
    }
    try {
      const user = await this.users.authenticate(email, password);
      await this.throttle.reset(clientIp, email);
      const accessToken = await this.jwt.signAsync(
        { name: user.name, role: user.role },
        { subject: String(user.id), audience: BACKOFFICE_AUDIENCE, issuer: 'patron', expiresIn: TOKEN_TTL_SECONDS },
      );
      if (user.role === 'admin') {
        response.cookie(STAFF_TOKEN_COOKIE, accessToken, { ...dashboardCookie(request), maxAge: TOKEN_TTL_SECONDS * 1000 });
      } else {
        response.clearCookie(STAFF_TOKEN_COOKIE, dashboardCookie(request));
      }
      return { tokenType: 'Bearer', accessToken, expiresIn: TOKEN_TTL_SECONDS, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
    } catch (error) {
      if (error instanceof UserAuthenticationFailedError) {
        await this.throttle.recordFailure(clientIp, email);
        this.events.publish(new LoginFailed('backoffice'));
      }
      throw error;
    }
  }

  /** Forgets the queue dashboard's cookie (the console drops its token itself; tokens are not revoked). */
  @Post('logout')
  @HttpCode(204)
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    response.clearCookie(STAFF_TOKEN_COOKIE, dashboardCookie(request));
  }

  /** Who the token belongs to. */
  @Get('me')
  @UseGuards(StaffGuard)
  me(@Staff() staff: StaffClaims) {
    return staff;
  }
}
