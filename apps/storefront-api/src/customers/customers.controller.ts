import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Logger, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { DomainError, serviceUnavailableFrom } from '@patron/shared-kernel';
import { CustomerFacade, CustomerView, EmailAlreadyRegisteredError } from '@patron/customer';
import { AccessTokenClaims, AuthFacade } from '@patron/auth';
import { AddressFacade } from '@patron/address';
import { CustomerDataExportFacade } from '@patron/customer-data-export';
import { addressResource } from '../addresses/address.resource';
import { AccessTokenGuard, Caller } from '../auth/access-token.guard';
import { AfterResponse } from '../glue/after-response';
import { GLUE_ERRORS } from '../glue/glue-error';
import { readAttributes, ResourceObject, StorefrontLinks } from '../glue/json-api';
import { validateAttributes } from '../glue/validation';
import { CustomerSchemas } from './customer.schemas';
import { CUSTOMERS, customerResource } from './customer.resource';

@Controller(CUSTOMERS)
export class CustomersController {
  private readonly logger = new Logger(CustomersController.name);

  constructor(
    private readonly customers: CustomerFacade,
    private readonly auth: AuthFacade,
    private readonly addresses: AddressFacade,
    private readonly schemas: CustomerSchemas,
    private readonly exports: CustomerDataExportFacade,
    @Inject(StorefrontLinks) private readonly links: StorefrontLinks,
    private readonly afterResponse: AfterResponse,
  ) {}

  /**
   * A taken email answers 422 `400`, whose text promises the owner a password reset link: the restore mail is
   * requested after the answer, as `POST /customer-forgotten-password` does (same per-customer mail limit).
   */
  @Post()
  @HttpCode(201)
  async register(@Body() body: unknown) {
    const input = validateAttributes(this.schemas.registration, readAttributes(body, CUSTOMERS));
    if (input.password !== input.confirmPassword) throw GLUE_ERRORS.notIdentical('password', 'confirmPassword');
    const { confirmPassword: _c, acceptedTerms: _t, ...registration } = input;
    try {
      const customer = await this.customers.register(registration);
      return { data: customerResource(this.links, customer) };
    } catch (error) {
      if (error instanceof EmailAlreadyRegisteredError) {
        this.afterResponse.run('Password restore after a registration with a taken email', () => this.customers.requestPasswordRestore(registration.email));
      }
      if (error instanceof DomainError) throw error;
      const unavailable = serviceUnavailableFrom(error);
      if (unavailable) throw unavailable;
      this.logger.error(`Registration failed: ${(error as Error)?.stack ?? String(error)}`);
      throw GLUE_ERRORS.cannotRegister();
    }
  }

  @Get()
  @UseGuards(AccessTokenGuard)
  async listOwn(@Caller() caller: AccessTokenClaims, @Query('include') include?: string | string[]) {
    const customer = await this.customers.findByReference(caller.customerReference);
    const links = { self: this.links.url('/customers') };
    if (!customer) return { data: [], links };
    const { data, included } = await this.withIncludes(customer, include);
    return { data: [data], ...(included ? { included } : {}), links };
  }

  @Patch()
  @UseGuards(AccessTokenGuard)
  updateWithoutReference(): never {
    throw GLUE_ERRORS.referenceMissing();
  }

  @Delete()
  @UseGuards(AccessTokenGuard)
  deleteWithoutReference(): never {
    throw GLUE_ERRORS.referenceMissing();
  }

  @Get(':reference')
  @UseGuards(AccessTokenGuard)
  async get(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string, @Query('include') include?: string | string[]) {
    const customer = reference === caller.customerReference ? await this.customers.findByReference(reference) : null;
    if (!customer) throw GLUE_ERRORS.customerNotFound();
    return this.withIncludes(customer, include);
  }

  /** The caller's data export (everything Patron holds about them); any other reference → 404 `402`, as for GET. */
  @Get(':reference/export')
  @UseGuards(AccessTokenGuard)
  @Header('Cache-Control', 'no-store')
  async exportData(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string) {
    if (reference !== caller.customerReference || !(await this.customers.findByReference(reference))) throw GLUE_ERRORS.customerNotFound();
    const data = await this.exports.export(reference, 'customer');
    return { data: { type: 'customer-exports', id: reference, attributes: data, links: { self: this.links.url(`/customers/${reference}/export`) } } };
  }

  @Patch(':reference')
  @UseGuards(AccessTokenGuard)
  async update(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string, @Body() body: unknown) {
    const changes = validateAttributes(this.schemas.update, readAttributes(body, CUSTOMERS, reference));
    await this.assertOwn(caller, reference);
    const customer = await this.customers.update(reference, changes);
    const pending = changes.email !== undefined && customer.pendingEmail !== null && customer.email !== changes.email;
    return { data: customerResource(this.links, customer), ...(pending ? { meta: { emailChangePending: true } } : {}) };
  }

  @Delete(':reference')
  @UseGuards(AccessTokenGuard)
  @HttpCode(204)
  async delete(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string): Promise<void> {
    await this.assertOwn(caller, reference);
    await this.customers.anonymize(reference);
    this.auth.forgetTokenVersion(reference);
  }

  /** Another customer's reference → 403 `411` when it exists, 404 `402` when it does not. */
  private async assertOwn(caller: AccessTokenClaims, reference: string): Promise<void> {
    if (reference === caller.customerReference) return;
    throw (await this.customers.findByReference(reference)) ? GLUE_ERRORS.unauthorizedRequest() : GLUE_ERRORS.customerNotFound();
  }

  private async withIncludes(customer: CustomerView, include?: string | string[]): Promise<{ data: ResourceObject; included?: ResourceObject[] }> {
    const resource = customerResource(this.links, customer);
    const includes = [include ?? []].flat().join(',').split(',').map((s) => s.trim());
    if (!includes.includes('addresses')) return { data: resource };
    const addresses = (await this.addresses.listForCustomer(customer.reference)).map((a) => addressResource(this.links, a));
    return {
      data: { ...resource, relationships: { addresses: { data: addresses.map((a) => ({ type: a.type, id: a.id as string })) } } },
      included: addresses,
    };
  }
}
