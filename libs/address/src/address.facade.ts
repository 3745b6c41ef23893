import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AddressChanges, AddressView, NewAddress } from './dto/address.dto';
import { CreateAddressCommand } from './commands/create-address/create-address.command';
import { UpdateAddressCommand } from './commands/update-address/update-address.command';
import { DeleteAddressCommand } from './commands/delete-address/delete-address.command';
import { ListAddressesQuery } from './queries/list-addresses/list-addresses.query';
import { ADDRESS_EXPANDER_PLUGINS, AddressExpanderPlugin } from './extension/address-expander.plugin';

@Injectable()
export class AddressFacade {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(ADDRESS_EXPANDER_PLUGINS) private readonly expanders: AddressExpanderPlugin[],
  ) {}

  /** Merges what the expander plugins add into `extensions`. */
  private async expand(address: AddressView): Promise<AddressView> {
    if (!this.expanders.length) return address;
    const extensions: Record<string, unknown> = { ...address.extensions };
    for (const expander of this.expanders) Object.assign(extensions, await expander.expand(address));
    return { ...address, extensions };
  }

  /** The customer's addresses, oldest first. */
  async listForCustomer(customerReference: string): Promise<AddressView[]> {
    const addresses: AddressView[] = await this.queries.execute(new ListAddressesQuery(customerReference));
    return Promise.all(addresses.map((a) => this.expand(a)));
  }

  /**
   * One address of the customer.
   * @throws AddressNotFoundError for an unknown uuid or another customer's address
   */
  async get(customerReference: string, uuid: string): Promise<AddressView> {
    return this.expand((await this.queries.execute(new ListAddressesQuery(customerReference, uuid)))[0]);
  }

  /**
   * Adds an address. It becomes default billing (shipping) when asked or when the customer has none.
   * @throws InputValidationError (unknown country, postal code not valid for it), AddressLimitReachedError,
   *   CustomerNotFoundError (unknown or deleted customer)
   */
  create(customerReference: string, input: NewAddress): Promise<AddressView> {
    return this.commands.execute(new CreateAddressCommand(customerReference, input)).then((a) => this.expand(a));
  }

  /**
   * Changes the given fields; `isDefault*: true` makes it the default, `false` never unsets a current default.
   * @throws AddressNotFoundError, InputValidationError, CustomerNotFoundError
   */
  update(customerReference: string, uuid: string, changes: AddressChanges): Promise<AddressView> {
    return this.commands.execute(new UpdateAddressCommand(customerReference, uuid, changes)).then((a) => this.expand(a));
  }

  /**
   * Deletes an address; a default it held stays empty.
   * @throws AddressNotFoundError, CustomerNotFoundError
   */
  delete(customerReference: string, uuid: string): Promise<void> {
    return this.commands.execute(new DeleteAddressCommand(customerReference, uuid));
  }
}
