import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { CustomerFacade } from '@patron/customer';
import { CustomerGroupFacade } from '@patron/customer-group';
import { Roles, StaffGuard } from '../auth/staff-auth';
import { BackofficeError } from '../http/backoffice-error';
import { ApiJsonBody, validateBody } from '../http/validate';

const name = z.string().trim().min(1, 'must not be blank').max(70, 'must be at most 70 characters');
const description = z.string().max(255, 'must be at most 255 characters').nullable();
const NEW_GROUP = z.object({ name, description: description.optional() });
const GROUP_CHANGES = z.object({ name: name.optional(), description: description.optional() });
const MEMBERS = z.object({ customerReferences: z.array(z.string().min(1)).min(1, 'must name at least one customer').max(10_000) });
const SEARCH_MEMBERS = z.object({
  search: z.object({
    q: z.string().max(200).optional(),
    status: z.enum(['verified', 'unverified']).optional(),
    locale: z.string().max(10).optional(),
    groupId: z.number().int().positive().optional(),
  }),
});

const idPipe = new ParseIntPipe({ exceptionFactory: () => new BackofficeError(404, 'Customer group not found') });

/** Customer groups: agents read, admins change. */
@Controller('api/customer-groups')
@UseGuards(StaffGuard)
export class CustomerGroupsController {
  constructor(private readonly groups: CustomerGroupFacade, private readonly customers: CustomerFacade) {}

  @Get()
  async list() {
    return { data: await this.groups.list() };
  }

  @Get(':id')
  async get(@Param('id', idPipe) id: number) {
    return { data: { ...(await this.groups.get(id)), members: await this.groups.members(id) } };
  }

  @Post()
  @Roles('admin')
  @ApiJsonBody(NEW_GROUP)
  async create(@Body() body: unknown) {
    return { data: await this.groups.create(validateBody(NEW_GROUP, body)) };
  }

  @Patch(':id')
  @Roles('admin')
  @ApiJsonBody(GROUP_CHANGES)
  async update(@Param('id', idPipe) id: number, @Body() body: unknown) {
    return { data: await this.groups.update(id, validateBody(GROUP_CHANGES, body)) };
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async delete(@Param('id', idPipe) id: number): Promise<void> {
    await this.groups.delete(id);
  }

  /**
   * Adds customers in bulk: `{ "customerReferences": ["DE--1", …] }` (unknown references are listed back), or every
   * customer of a search: `{ "search": { "q": "…", "status": "verified", "locale": "de_DE", "groupId": 2 } }`.
   */
  @Post(':id/members')
  @Roles('admin')
  @HttpCode(200)
  @ApiJsonBody(z.union([MEMBERS, SEARCH_MEMBERS]))
  async assign(@Param('id', idPipe) id: number, @Body() body: unknown) {
    if (body && typeof body === 'object' && 'search' in body) {
      const { q, groupId, ...filters } = validateBody(SEARCH_MEMBERS, body).search;
      let added = 0;
      let cursor: string | undefined;
      do {
        const page = await this.customers.search({ text: q, ...filters, filters: { groupId }, after: cursor, limit: 200 });
        added += (await this.groups.assign(id, page.customers.map((c) => c.reference))).added;
        cursor = page.next ?? undefined;
      } while (cursor);
      return { data: { added, unknown: [] } };
    }
    return { data: await this.groups.assign(id, validateBody(MEMBERS, body).customerReferences) };
  }

  /** Removes customers in bulk. */
  @Delete(':id/members')
  @Roles('admin')
  @HttpCode(200)
  @ApiJsonBody(MEMBERS)
  async unassign(@Param('id', idPipe) id: number, @Body() body: unknown) {
    return { data: { removed: await this.groups.unassign(id, validateBody(MEMBERS, body).customerReferences) } };
  }
}
