import { CustomerView } from '../dto/customer.view';

/**
 * Adds data to a single customer as facades return it (registration, lookups, updates; not search pages). What it
 * returns is merged into `customer.extensions` and shown by the APIs next to the built-in fields. Runs after the
 * change committed; throwing fails the call.
 */
export interface CustomerExpanderPlugin {
  expand(customer: Readonly<CustomerView>): Promise<Record<string, unknown> | void>;
}
export const CUSTOMER_EXPANDER_PLUGINS = Symbol('customer.expander-plugins');
