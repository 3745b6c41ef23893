import { Controller, Get, Inject } from '@nestjs/common';
import { CustomerAccessFacade } from '@patron/customer-access';
import { StorefrontLinks } from '../glue/json-api';

@Controller('customer-access')
export class CustomerAccessController {
  constructor(private readonly access: CustomerAccessFacade, @Inject(StorefrontLinks) private readonly links: StorefrontLinks) {}

  /** Public: the storefront resource types hidden from guests, per the back office's customer-access settings. */
  @Get()
  async get() {
    const resourceTypes = await this.access.restrictedResourceTypes();
    return {
      data: [this.links.resource('customer-access', null, { resourceTypes }, '/customer-access')],
      links: { self: this.links.url('/customer-access') },
    };
  }
}
