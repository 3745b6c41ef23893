import { Body, Controller, Delete, HttpCode, Inject, Ip, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { AuthFacade, TokenPair } from '@patron/auth';
import type { AccessTokenClaims } from '@patron/auth';
import { AccessTokenGuard, Caller } from '../auth/access-token.guard';
import { readAttributes, StorefrontLinks } from '../glue/json-api';
import { text, validateAttributes } from '../glue/validation';

const LOGIN = z.object({ username: text(255), password: text(1024) });
const REFRESH = z.object({ refreshToken: text(1024) });

const tokenAttributes = (t: TokenPair) => ({
  tokenType: t.tokenType,
  expiresIn: t.expiresIn,
  accessToken: t.accessToken,
  refreshToken: t.refreshToken,
  refreshTokenExpiresIn: t.refreshTokenExpiresIn,
});

@Controller()
export class AccessTokensController {
  constructor(private readonly auth: AuthFacade, @Inject(StorefrontLinks) private readonly links: StorefrontLinks) {}

  @Post('access-tokens')
  @HttpCode(201)
  async logIn(@Body() body: unknown, @Ip() clientIp: string) {
    const { username, password } = validateAttributes(LOGIN, readAttributes(body, 'access-tokens'));
    const tokens = await this.auth.logIn(username, password, clientIp);
    return { data: this.links.resource('access-tokens', null, tokenAttributes(tokens), '/access-tokens') };
  }

  @Post('refresh-tokens')
  @HttpCode(201)
  async refresh(@Body() body: unknown) {
    const { refreshToken } = validateAttributes(REFRESH, readAttributes(body, 'refresh-tokens'));
    const tokens = await this.auth.refresh(refreshToken);
    return { data: this.links.resource('refresh-tokens', null, tokenAttributes(tokens), '/refresh-tokens') };
  }

  /** `mine` revokes every refresh token of the caller; any other value revokes that token if it is the caller's. */
  @Delete('refresh-tokens/:token')
  @UseGuards(AccessTokenGuard)
  @HttpCode(204)
  async revoke(@Caller() caller: AccessTokenClaims, @Param('token') token: string): Promise<void> {
    if (token === 'mine') await this.auth.revokeAll(caller.customerReference);
    else await this.auth.revoke(caller.customerReference, token);
  }
}
