import { CustomerView } from '../dto/customer.view';

/**
 * Runs after a deletion (anonymization) committed, with the customer as it was: tell systems outside Patron. The
 * deletion stands whatever happens here; a failure is logged and the next plugin still runs.
 */
export interface PostDeletePlugin {
  afterDelete(customer: Readonly<CustomerView>): Promise<void>;
}
export const POST_DELETE_PLUGINS = Symbol('customer.post-delete-plugins');
