import { RegisterCustomerInput } from '../dto/customer.inputs';

/**
 * Runs before a registration is checked or stored (no transaction yet). Throw a `DomainError` to reject the
 * registration; APIs answer with its kind and, when set, its `apiCode`.
 */
export interface PreRegistrationPlugin {
  beforeRegistration(input: Readonly<RegisterCustomerInput>): Promise<void>;
}
export const PRE_REGISTRATION_PLUGINS = Symbol('customer.pre-registration-plugins');
