import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CustomerFacade } from '@patron/customer';
import { readAttributes } from '../glue/json-api';
import { validateAttributes } from '../glue/validation';
import { CustomerSchemas } from './customer.schemas';

@Controller('customer-confirmation')
export class CustomerConfirmationController {
  constructor(private readonly customers: CustomerFacade, private readonly schemas: CustomerSchemas) {}

  @Post()
  @HttpCode(204)
  async confirm(@Body() body: unknown): Promise<void> {
    const { registrationKey } = validateAttributes(this.schemas.confirmation, readAttributes(body, 'customer-confirmation'));
    await this.customers.confirmRegistration(registrationKey);
  }
}
