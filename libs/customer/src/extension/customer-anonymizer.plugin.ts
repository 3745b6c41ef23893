import { CustomerView } from '../dto/customer.view';

/**
 * Runs inside the anonymization transaction (an injected EntityManager joins it) with the customer as it was
 * before its data was cleared: erase or detach what your module keeps about the customer. Throwing aborts.
 */
export interface CustomerAnonymizerPlugin {
  anonymize(customer: CustomerView): Promise<void>;
}
export const CUSTOMER_ANONYMIZER_PLUGINS = Symbol('customer.anonymizer-plugins');
