import { UpdateCustomerInput } from '../dto/customer.inputs';
import { CustomerView } from '../dto/customer.view';

/**
 * Runs before a customer's own profile update is applied, inside its transaction, with the customer as it is. Return
 * changed `changes` to alter the update, nothing to keep it, or throw a `DomainError` to veto it. Not run for
 * back-office edits or anonymization.
 */
export interface PreUpdatePlugin {
  beforeUpdate(customer: Readonly<CustomerView>, changes: UpdateCustomerInput): Promise<UpdateCustomerInput | void>;
}
export const PRE_UPDATE_PLUGINS = Symbol('customer.pre-update-plugins');
