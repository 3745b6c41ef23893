import { Body, Controller, HttpCode, Inject, Ip, Post } from '@nestjs/common';
import { z } from 'zod';
import { CustomerFacade } from '@patron/customer';
import { AfterResponse } from '../glue/after-response';
import { GLUE_ERRORS } from '../glue/glue-error';
import { IpThrottle, MAIL_REQUEST_THROTTLE } from '../glue/ip-throttle';
import { readAttributes } from '../glue/json-api';
import { email, text, validateAttributes } from '../glue/validation';
import { CustomerSchemas } from './customer.schemas';

const RESEND = z.object({ email: email(255) });
const EMAIL_CHANGE = z.object({ token: text(1024) });

@Controller()
export class CustomerConfirmationController {
  constructor(
    private readonly customers: CustomerFacade,
    private readonly schemas: CustomerSchemas,
    @Inject(MAIL_REQUEST_THROTTLE) private readonly throttle: IpThrottle,
    private readonly afterResponse: AfterResponse,
  ) {}

  @Post('customer-confirmation')
  @HttpCode(204)
  async confirm(@Body() body: unknown): Promise<void> {
    const { registrationKey } = validateAttributes(this.schemas.confirmation, readAttributes(body, 'customer-confirmation'));
    await this.customers.confirmRegistration(registrationKey);
  }

  /** Applies a pending email change with the token mailed to the new address. */
  @Post('customer-email-change-confirmation')
  @HttpCode(204)
  async confirmEmailChange(@Body() body: unknown): Promise<void> {
    const { token } = validateAttributes(EMAIL_CHANGE, readAttributes(body, 'customer-email-change-confirmation'));
    await this.customers.confirmEmailChange(token);
  }

  /** Always 204 for a well-formed email, answered before the lookup runs: says nothing about the account. */
  @Post('customer-confirmation-resend')
  @HttpCode(204)
  async resend(@Body() body: unknown, @Ip() clientIp: string): Promise<void> {
    const input = validateAttributes(RESEND, readAttributes(body, 'customer-confirmation-resend'));
    const wait = await this.throttle.consume(clientIp);
    if (wait !== null) throw GLUE_ERRORS.tooManyRequests(wait);
    this.afterResponse.run('Confirmation resend', () => this.customers.resendRegistrationConfirmation(input.email));
  }
}
