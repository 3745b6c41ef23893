import { Body, Controller, Delete, Get, Header, HttpCode, Logger, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { z } from 'zod';
import { AddressFacade, AddressNotFoundError } from '@patron/address';
import { FieldViolation, InputValidationError, isCalendarDate } from '@patron/shared-kernel';
import { CustomerFacade, GENDERS, NAME_FORBIDDEN_CHARACTERS, SALUTATIONS, UNPRINTABLE_CHARACTERS } from '@patron/customer';
import { CustomerGroupFacade } from '@patron/customer-group';
import { CustomerNoteFacade } from '@patron/customer-note';
import { SalesFacade } from '@patron/sales';
import { CustomerHistory } from '@patron/customer-history';
import { CustomerDataExportFacade } from '@patron/customer-data-export';
import { Roles, StaffOnly } from '../auth/staff-auth';
import { ApiJsonBody, ApiQueryOf, validateBody } from '../http/validate';
import { CUSTOMER_SEARCH, toCustomerSearch } from './customer-search.schema';

const printable = (value: string) => !UNPRINTABLE_CHARACTERS.test(value);
const NO_CONTROL_CHARACTERS = 'must not contain control characters';
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `must be at most ${max} characters`)
    .refine(printable, { message: NO_CONTROL_CHARACTERS, abort: true });
/** First and last names: the storefront's rules, so that the customer can save their profile unchanged. */
const name = (max: number) => text(max).refine((value) => !NAME_FORBIDDEN_CHARACTERS.test(value), 'must not contain : / < >');
const optional = (max: number) => z.string().max(max, `must be at most ${max} characters`).refine(printable, NO_CONTROL_CHARACTERS).nullable().optional();
/** A day of the calendar (no 31 February), from year 1 up to today: dates of birth. */
const day = z
  .string()
  .refine((v) => isCalendarDate(v) && new Date(`${v}T00:00:00Z`).getTime() <= Date.now(), 'must be a past date like 1990-12-31')
  .nullable()
  .optional();
const PROFILE = {
  salutation: z.enum(SALUTATIONS).nullable().optional(),
  firstName: name(100).optional(),
  lastName: name(100).optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  dateOfBirth: day,
  phone: optional(255),
  company: optional(255),
  locale: z.string().max(10).optional(),
};
const NEW_CUSTOMER = z.strictObject({ ...PROFILE, email: z.email('must be a valid email address').max(100), firstName: name(100), lastName: name(100), sendPasswordToken: z.boolean().optional() });
const CUSTOMER_CHANGES = z.strictObject({
  ...PROFILE,
  email: z.email('must be a valid email address').max(100).optional(),
  defaultBillingAddress: z.uuid('must be an address id').optional(),
  defaultShippingAddress: z.uuid('must be an address id').optional(),
});
const NEW_PASSWORD = z.strictObject({ password: z.string().min(1) });
const ADDRESS_FIELDS = {
  salutation: z.enum(SALUTATIONS).nullable().optional(),
  firstName: name(100),
  lastName: name(100),
  address1: text(255),
  address2: text(255),
  address3: optional(255),
  zipCode: text(15),
  city: z.string().trim().min(3, 'must have at least 3 characters').max(255, 'must be at most 255 characters'),
  iso2Code: z.string().length(2, 'must be an ISO 3166-1 alpha-2 code').transform((c) => c.toUpperCase()),
  company: optional(255),
  phone: optional(255),
  isDefaultBilling: z.boolean().optional(),
  isDefaultShipping: z.boolean().optional(),
};
const NEW_ADDRESS = z.strictObject(ADDRESS_FIELDS);
const ADDRESS_CHANGES = z.strictObject(
  Object.fromEntries(Object.entries(ADDRESS_FIELDS).map(([key, schema]) => [key, (schema as z.ZodType).optional()])) as {
    [K in keyof typeof ADDRESS_FIELDS]: z.ZodOptional<(typeof ADDRESS_FIELDS)[K]>;
  },
);
const HISTORY_PAGE = z.object({ offset: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(100).optional() });
const EXPORT_COLUMNS = ['reference', 'email', 'salutation', 'firstName', 'lastName', 'gender', 'dateOfBirth', 'phone', 'company', 'locale', 'registeredAt', 'createdAt'];

/** Customer search, view and management. Agents read; admins change. Anonymized customers never appear. */
@Controller('api/customers')
@StaffOnly()
@ApiTags('customers')
export class BackofficeCustomersController {
  private readonly logger = new Logger('CustomerExport');

  constructor(
    private readonly customers: CustomerFacade,
    private readonly addresses: AddressFacade,
    private readonly groups: CustomerGroupFacade,
    private readonly notes: CustomerNoteFacade,
    private readonly sales: SalesFacade,
    private readonly history: CustomerHistory,
    private readonly exports: CustomerDataExportFacade,
  ) {}

  /** `?q=…&status=verified&groupId=…&locale=…&createdFrom=…&createdTo=…&sort=lastName&direction=asc&limit=25&after=<cursor>` */
  @Get()
  @ApiQueryOf(CUSTOMER_SEARCH)
  async search(@Query() query: Record<string, unknown>) {
    const { sort, direction, after, limit, ...filters } = validateBody(CUSTOMER_SEARCH, query);
    const page = await this.customers.search({ ...toCustomerSearch(filters), sort, direction, after, limit });
    return { data: page.customers, next: page.next, total: page.total, totalIsEstimate: page.totalIsEstimate };
  }

  /**
   * The current search as CSV, streamed page by page (never built in memory). Same query parameters as the search;
   * `limit` and `after` are ignored. Values that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, …) are
   * prefixed with `'`. A failure half-way, or a client that goes away, ends the download unfinished.
   */
  @Get('export.csv')
  @ApiOkResponse({ description: 'The customers found, one a line, after a header line', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiQueryOf(CUSTOMER_SEARCH.omit({ after: true, limit: true }))
  async export(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { sort, direction, after: _after, limit: _limit, ...filters } = validateBody(CUSTOMER_SEARCH, query);
    const searchPage = (after?: string) => this.customers.search({ ...toCustomerSearch(filters), sort, direction, after, limit: 200 });
    // The first page before the headers, so that a failing search still answers in the API's error shape.
    let page = await searchPage();
    const { stringify } = await import('csv-stringify'); // only exports write CSV: not loaded at start
    async function* rows() {
      for (;;) {
        for (const c of page.customers) yield { ...c, createdAt: c.createdAt.toISOString(), registeredAt: c.registeredAt?.toISOString() ?? '' };
        if (!page.next) return;
        page = await searchPage(page.next);
      }
    }
    response.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="customers.csv"');
    await pipeline(Readable.from(rows()), stringify({ header: true, columns: EXPORT_COLUMNS, escape_formulas: true }), response).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.error(`CSV export failed: ${(error as Error)?.stack ?? String(error)}`);
    });
  }

  /** Creates a confirmed customer without a password; `sendPasswordToken` mails a link to set one. */
  @Post()
  @Roles('admin')
  @ApiJsonBody(NEW_CUSTOMER)
  async create(@Body() body: unknown) {
    return { data: await this.customers.createByStaff(validateBody(NEW_CUSTOMER, body)) };
  }

  /** Profile fields, email (applies at once, still unique), and the default billing/shipping address by id. */
  @Patch(':reference')
  @Roles('admin')
  @ApiJsonBody(CUSTOMER_CHANGES)
  async update(@Param('reference') reference: string, @Body() body: unknown) {
    const { defaultBillingAddress, defaultShippingAddress, ...changes } = validateBody(CUSTOMER_CHANGES, body);
    // Both addresses are checked before anything changes, so an unknown one leaves the profile as it was.
    const defaults = Object.entries({ defaultBillingAddress, defaultShippingAddress }).filter(([, uuid]) => uuid !== undefined) as [string, string][];
    if (defaults.length) await this.customers.getByReference(reference);
    const unknown: FieldViolation[] = [];
    for (const [field, uuid] of defaults) {
      await this.addresses.get(reference, uuid).catch((error: unknown) => {
        if (!(error instanceof AddressNotFoundError)) throw error;
        unknown.push({ field, message: 'is not an address of this customer' });
      });
    }
    if (unknown.length) throw new InputValidationError(unknown);
    const customer = await this.customers.updateByStaff(reference, changes);
    if (defaultBillingAddress) await this.addresses.update(reference, defaultBillingAddress, { isDefaultBilling: true });
    if (defaultShippingAddress) await this.addresses.update(reference, defaultShippingAddress, { isDefaultShipping: true });
    return { data: customer };
  }

  /** Deletes (anonymizes) the customer with every anonymizer plugin. */
  @Delete(':reference')
  @Roles('admin')
  @HttpCode(204)
  async delete(@Param('reference') reference: string): Promise<void> {
    await this.customers.anonymize(reference);
  }

  @Post(':reference/confirm')
  @Roles('admin')
  @HttpCode(200)
  async confirm(@Param('reference') reference: string) {
    return { data: await this.customers.confirmByStaff(reference) };
  }

  /** Mails the customer a password restore link (the usual cap of restore mails applies). */
  @Post(':reference/password-token')
  @Roles('admin')
  @HttpCode(202)
  async sendPasswordToken(@Param('reference') reference: string) {
    const customer = await this.customers.getByReference(reference);
    await this.customers.requestPasswordRestore(customer.email);
    return { data: { sent: true } };
  }

  /** Sets a new password (policies apply); every session of the customer ends and a notice is mailed. */
  @Put(':reference/password')
  @Roles('admin')
  @HttpCode(204)
  @ApiJsonBody(NEW_PASSWORD)
  async setPassword(@Param('reference') reference: string, @Body() body: unknown): Promise<void> {
    await this.customers.setPasswordByStaff(reference, validateBody(NEW_PASSWORD, body).password);
  }

  /** Profile, addresses, groups, notes and the latest orders of one customer. */
  @Get(':reference')
  async view(@Param('reference') reference: string) {
    const customer = await this.customers.getByReference(reference);
    const [addresses, groups, notes, orders, history] = await Promise.all([
      this.addresses.listForCustomer(reference),
      this.groups.groupsOf(reference),
      this.notes.list(reference),
      this.sales.listCustomerOrders(reference, 0, 10),
      this.history.list(reference, 0, 20),
    ]);
    return { data: { ...customer, addresses, groups, notes, latestOrders: orders.orders, orderCount: orders.total, history } };
  }

  /** Everything Patron holds about the customer, notes included, as one JSON document (GDPR access request). */
  @Get(':reference/export')
  @Header('Cache-Control', 'no-store')
  async exportData(@Param('reference') reference: string, @Res({ passthrough: true }) response: Response) {
    response.setHeader('Content-Disposition', `attachment; filename="customer-${reference.replace(/[^A-Za-z0-9_-]/g, '_')}.json"`);
    return this.exports.export(reference, 'staff');
  }

  /** Admins add an address; the storefront's rules apply (country, postal code, defaults, limit). */
  @Post(':reference/addresses')
  @Roles('admin')
  @ApiJsonBody(NEW_ADDRESS)
  async addAddress(@Param('reference') reference: string, @Body() body: unknown) {
    await this.customers.getByReference(reference);
    return { data: await this.addresses.create(reference, validateBody(NEW_ADDRESS, body)) };
  }

  @Patch(':reference/addresses/:uuid')
  @Roles('admin')
  @ApiJsonBody(ADDRESS_CHANGES)
  async updateAddress(@Param('reference') reference: string, @Param('uuid') uuid: string, @Body() body: unknown) {
    await this.customers.getByReference(reference);
    return { data: await this.addresses.update(reference, uuid, validateBody(ADDRESS_CHANGES, body)) };
  }

  @Delete(':reference/addresses/:uuid')
  @Roles('admin')
  @HttpCode(204)
  async deleteAddress(@Param('reference') reference: string, @Param('uuid') uuid: string): Promise<void> {
    await this.customers.getByReference(reference);
    await this.addresses.delete(reference, uuid);
  }

  /** The customer's timeline, newest first: `?offset=0&limit=20` (at most 100). */
  @Get(':reference/history')
  @ApiQueryOf(HISTORY_PAGE)
  async timeline(@Param('reference') reference: string, @Query() query: Record<string, unknown>) {
    const { offset, limit } = validateBody(HISTORY_PAGE, query);
    await this.customers.getByReference(reference);
    return { data: await this.history.list(reference, offset ?? 0, limit ?? 20) };
  }
}
