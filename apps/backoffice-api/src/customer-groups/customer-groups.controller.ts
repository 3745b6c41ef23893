import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CustomerFacade } from '@patron/customer';
import { CustomerGroupFacade } from '@patron/customer-group';
import { Roles, StaffOnly } from '../auth/staff-auth';
import { idParam } from '../http/id-param.pipe';
import { ApiJsonBody, validateBody } from '../http/validate';
import { CUSTOMER_SEARCH_FILTERS, toCustomerSearch } from '../customers/customer-search.schema';

const name = z.string().trim().min(1, 'must not be blank').max(70, 'must be at most 70 characters');
const description = z.string().max(255, 'must be at most 255 characters').nullable();
const NEW_GROUP = z.object({ name, description: description.optional() });
const GROUP_CHANGES = z.object({ name: name.optional(), description: description.optional() });
// Strict: a mistyped filter must not widen a bulk change to every customer, nor mixed fields pick one silently.
const MEMBERS = z.strictObject({ customerReferences: z.array(z.string().min(1)).min(1, 'must name at least one customer').max(10_000) });
const SEARCH_MEMBERS = z.strictObject({ search: CUSTOMER_SEARCH_FILTERS.strict() });
const MEMBERS_OR_SEARCH = z.union([MEMBERS, SEARCH_MEMBERS]);
const isSearch = (body: unknown) => !!body && typeof body === 'object' && 'search' in body;

const idPipe = idParam('Customer group not found');

/** Customer groups: agents read, admins change. */
@Controller('api/customer-groups')
@StaffOnly()
@ApiTags('customer groups')
export class CustomerGroupsController {
  constructor(private readonly groups: CustomerGroupFacade, private readonly customers: CustomerFacade) {}

  @Get()
  async list() {
    return { data: await this.groups.list() };
  }

  /** The group with its first 100 members' references; `GET /api/customers?groupId=…` pages through all of them. */
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
   * customer of a search: `{ "search": { "q": "…", "status": "verified", "locale": "de_DE", "groupId": 2, "createdFrom": "…" } }`.
   */
  @Post(':id/members')
  @Roles('admin')
  @HttpCode(200)
  @ApiJsonBody(MEMBERS_OR_SEARCH)
  async assign(@Param('id', idPipe) id: number, @Body() body: unknown) {
    if (isSearch(body)) {
      await this.groups.get(id);
      let added = 0;
      await this.eachSearchPage(validateBody(SEARCH_MEMBERS, body).search, async (references) => {
        added += (await this.groups.assign(id, references)).added;
      });
      return { data: { added, unknown: [] } };
    }
    return { data: await this.groups.assign(id, validateBody(MEMBERS, body).customerReferences) };
  }

  /** Removes customers in bulk, by references or every customer of a search (the same bodies as adding). */
  @Delete(':id/members')
  @Roles('admin')
  @HttpCode(200)
  @ApiJsonBody(MEMBERS_OR_SEARCH)
  async unassign(@Param('id', idPipe) id: number, @Body() body: unknown) {
    if (isSearch(body)) {
      await this.groups.get(id);
      let removed = 0;
      await this.eachSearchPage(validateBody(SEARCH_MEMBERS, body).search, async (references) => {
        removed += await this.groups.unassign(id, references);
      });
      return { data: { removed } };
    }
    return { data: { removed: await this.groups.unassign(id, validateBody(MEMBERS, body).customerReferences) } };
  }

  /** Pages through a customer search (keyset, so changes to the group do not move the pages) and hands on each page's references. */
  private async eachSearchPage(search: z.infer<typeof CUSTOMER_SEARCH_FILTERS>, use: (references: string[]) => Promise<void>): Promise<void> {
    let after: string | undefined;
    do {
      const page = await this.customers.search({ ...toCustomerSearch(search), after, limit: 200 });
      if (page.customers.length) await use(page.customers.map((c) => c.reference));
      after = page.next ?? undefined;
    } while (after);
  }
}
