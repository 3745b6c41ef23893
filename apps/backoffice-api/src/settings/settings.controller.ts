import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CustomerFacade } from '@patron/customer';
import { StaffOnly } from '../auth/staff-auth';

/** Settings the console needs to offer choices, e.g. the locales a customer may have. */
@Controller('api/settings')
@StaffOnly()
@ApiTags('settings')
export class SettingsController {
  constructor(private readonly customers: CustomerFacade) {}

  /** `{ data: { locales: ["en_US", "de_DE"], defaultLocale: "en_US" } }`: what `LOCALES` and `DEFAULT_LOCALE` configure. */
  @Get()
  settings() {
    return { data: this.customers.locales() };
  }
}
