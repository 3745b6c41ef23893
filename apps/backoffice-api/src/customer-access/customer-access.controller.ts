import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CONTENT_TYPE_RESOURCES, CustomerAccessFacade } from '@patron/customer-access';
import { Roles, StaffOnly } from '../auth/staff-auth';
import { ApiJsonBody, validateBody } from '../http/validate';

const SETTINGS = z.object(Object.fromEntries(Object.keys(CONTENT_TYPE_RESOURCES).map((type) => [type, z.boolean().optional()]))).strict();

/** Which storefront content types guests may use. */
@Controller('api/customer-access')
@StaffOnly()
@ApiTags('customer access')
export class CustomerAccessController {
  constructor(private readonly access: CustomerAccessFacade) {}

  @Get()
  async list() {
    return { data: await this.access.list() };
  }

  /** Admins only: `{ "price": true, "wishlist": false }` restricts or opens those content types. */
  @Put()
  @Roles('admin')
  @ApiJsonBody(SETTINGS)
  async update(@Body() body: unknown) {
    const settings = validateBody(SETTINGS, body) as Record<string, boolean | undefined>;
    await this.access.update(Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as Record<string, boolean>);
    return { data: await this.access.list() };
  }
}
