import { Body, Controller, HttpCode, Inject, Ip, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { AccessTokenClaims, AuthFacade, LoginBlockedError, LoginThrottle } from '@patron/auth';
import { CustomerFacade, InvalidCurrentPasswordError } from '@patron/customer';
import { AccessTokenGuard, Caller } from '../auth/access-token.guard';
import { AfterResponse } from '../glue/after-response';
import { GLUE_ERRORS } from '../glue/glue-error';
import { MAIL_REQUEST_THROTTLE, IpThrottle } from '../glue/ip-throttle';
import { readAttributes } from '../glue/json-api';
import { validateAttributes } from '../glue/validation';
import { PasswordSchemas } from './password.schemas';
import { CURRENT_PASSWORD_THROTTLE } from './current-password-throttle';

@Controller()
export class PasswordsController {
  constructor(
    private readonly customers: CustomerFacade,
    private readonly auth: AuthFacade,
    private readonly schemas: PasswordSchemas,
    @Inject(MAIL_REQUEST_THROTTLE) private readonly throttle: IpThrottle,
    private readonly afterResponse: AfterResponse,
    @Inject(CURRENT_PASSWORD_THROTTLE) private readonly currentPasswordThrottle: LoginThrottle,
  ) {}

  /**
   * Always 204 for a well-formed email, known or not, answered before the lookup runs so that the response time
   * does not tell them apart; the mail (if any) is sent later through the outbox.
   */
  @Post('customer-forgotten-password')
  @HttpCode(204)
  async forgotten(@Body() body: unknown, @Ip() clientIp: string): Promise<void> {
    const { email } = validateAttributes(this.schemas.forgotten, readAttributes(body, 'customer-forgotten-password'));
    const wait = await this.throttle.consume(clientIp);
    if (wait !== null) throw GLUE_ERRORS.tooManyRequests(wait);
    this.afterResponse.run('Password restore request', () => this.customers.requestPasswordRestore(email));
  }

  /** The path id is ignored (Glue clients send anything there, or nothing). */
  @Patch(['customer-restore-password', 'customer-restore-password/:id'])
  @HttpCode(204)
  async restore(@Body() body: unknown): Promise<void> {
    const input = validateAttributes(this.schemas.restore, readAttributes(body, 'customer-restore-password'));
    if (input.password !== input.confirmPassword) throw GLUE_ERRORS.notIdentical('password', 'confirmPassword');
    const reference = await this.customers.restorePassword(input.restorePasswordKey, input.password);
    this.auth.forgetTokenVersion(reference);
    await this.auth.revokeAll(reference);
  }

  @Patch('customer-password')
  @UseGuards(AccessTokenGuard)
  changeWithoutReference(): never {
    throw GLUE_ERRORS.referenceMissing();
  }

  /** Wrong current passwords are counted like failed logins: while blocked, 429 `4401` before the password is checked. */
  @Patch('customer-password/:reference')
  @UseGuards(AccessTokenGuard)
  @HttpCode(204)
  async change(
    @Caller() caller: AccessTokenClaims,
    @Param('reference') reference: string,
    @Body() body: unknown,
    @Ip() clientIp: string,
  ): Promise<void> {
    const input = validateAttributes(this.schemas.change, readAttributes(body, 'customer-password'));
    if (reference !== caller.customerReference) throw GLUE_ERRORS.unauthorizedRequest();
    if (input.newPassword !== input.confirmPassword) throw GLUE_ERRORS.notIdentical('newPassword', 'confirmPassword');
    const blocked = await this.currentPasswordThrottle.admit(clientIp, reference);
    if (blocked !== null) throw new LoginBlockedError(blocked);
    try {
      // The caller's own access token goes on working; every other token of the customer stops.
      await this.customers.changePassword(reference, input.password, input.newPassword, caller.tokenId ?? null);
    } catch (error) {
      // Other errors (the new password's policy) come after the current password was found right.
      if (error instanceof InvalidCurrentPasswordError) await this.currentPasswordThrottle.recordFailure(clientIp, reference);
      else await this.currentPasswordThrottle.reset(clientIp, reference);
      throw error;
    }
    await this.currentPasswordThrottle.reset(clientIp, reference);
    this.auth.forgetTokenVersion(reference);
    await this.auth.revokeAll(reference);
  }
}
