import type { AddressView } from '../dto/address.dto';

/**
 * Adds data to addresses as the address facade returns them (lists, reads, creates, updates). What it returns is
 * merged into `address.extensions` and shown by the APIs next to the built-in fields; throwing fails the call.
 */
export interface AddressExpanderPlugin {
  expand(address: Readonly<AddressView>): Promise<Record<string, unknown> | void>;
}
export const ADDRESS_EXPANDER_PLUGINS = Symbol('address.expander-plugins');
