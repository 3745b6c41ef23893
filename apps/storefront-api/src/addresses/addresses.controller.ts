import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { AddressFacade } from '@patron/address';
import type { AccessTokenClaims } from '@patron/auth';
import { AccessTokenGuard, Caller } from '../auth/access-token.guard';
import { GLUE_ERRORS } from '../glue/glue-error';
import { readAttributes, StorefrontLinks } from '../glue/json-api';
import { validateAttributes } from '../glue/validation';
import { ADDRESS_CHANGES, NEW_ADDRESS } from './address.schemas';
import { ADDRESSES, addressResource } from './address.resource';

/** `/customers/{ref}/addresses[/{uuid}]`: another customer's reference is 403 `411`; an unknown or foreign uuid 404 `404`. */
@Controller('customers/:reference/addresses')
@UseGuards(AccessTokenGuard)
export class AddressesController {
  constructor(private readonly addresses: AddressFacade, @Inject(StorefrontLinks) private readonly links: StorefrontLinks) {}

  @Get()
  async list(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string) {
    this.assertOwn(caller, reference);
    const addresses = await this.addresses.listForCustomer(reference);
    return { data: addresses.map((a) => addressResource(this.links, a)), links: { self: this.links.url(`/customers/${encodeURIComponent(reference)}/addresses`) } };
  }

  @Get(':uuid')
  async get(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string, @Param('uuid') uuid: string) {
    this.assertOwn(caller, reference);
    return { data: addressResource(this.links, await this.addresses.get(reference, uuid)) };
  }

  @Post()
  @HttpCode(201)
  async create(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string, @Body() body: unknown) {
    const input = validateAttributes(NEW_ADDRESS, readAttributes(body, ADDRESSES));
    this.assertOwn(caller, reference);
    return { data: addressResource(this.links, await this.addresses.create(reference, input)) };
  }

  @Patch()
  updateWithoutUuid(): never {
    throw GLUE_ERRORS.addressUuidMissing();
  }

  @Delete()
  deleteWithoutUuid(): never {
    throw GLUE_ERRORS.addressUuidMissing();
  }

  @Patch(':uuid')
  async update(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string, @Param('uuid') uuid: string, @Body() body: unknown) {
    const changes = validateAttributes(ADDRESS_CHANGES, readAttributes(body, ADDRESSES, uuid));
    this.assertOwn(caller, reference);
    return { data: addressResource(this.links, await this.addresses.update(reference, uuid, changes)) };
  }

  @Delete(':uuid')
  @HttpCode(204)
  async delete(@Caller() caller: AccessTokenClaims, @Param('reference') reference: string, @Param('uuid') uuid: string): Promise<void> {
    this.assertOwn(caller, reference);
    await this.addresses.delete(reference, uuid);
  }

  private assertOwn(caller: AccessTokenClaims, reference: string): void {
    if (reference !== caller.customerReference) throw GLUE_ERRORS.unauthorizedRequest();
  }
}
