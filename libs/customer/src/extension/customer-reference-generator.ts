import { EntityManager } from '@mikro-orm/postgresql';

/** Makes the reference of a new customer. Replace it wholesale through `CUSTOMER_REFERENCE_GENERATOR`. */
export interface CustomerReferenceGenerator {
  /** Called inside the registration transaction with its EntityManager. */
  next(em: EntityManager): Promise<string>;
}
export const CUSTOMER_REFERENCE_GENERATOR = Symbol('customer.reference-generator');
