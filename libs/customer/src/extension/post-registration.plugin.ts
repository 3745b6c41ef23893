import { CustomerView } from '../dto/customer.view';

/** Runs inside the registration transaction (an injected EntityManager joins it); throwing aborts the registration. */
export interface PostRegistrationPlugin {
  afterRegistration(customer: CustomerView): Promise<void>;
}
export const POST_REGISTRATION_PLUGINS = Symbol('customer.post-registration-plugins');
