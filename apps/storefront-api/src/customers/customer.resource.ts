import { CustomerView } from '@patron/customer';
import { ResourceObject, StorefrontLinks } from '../glue/json-api';

export const CUSTOMERS = 'customers';

/** The `customers` resource: the contract's attributes, never password or key material. */
export const customerResource = (links: StorefrontLinks, c: CustomerView): ResourceObject =>
  links.resource(
    CUSTOMERS,
    c.reference,
    {
      ...c.extensions, // what customer expander plugins add; never replaces a contract attribute
      salutation: c.salutation,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      gender: c.gender,
      dateOfBirth: c.dateOfBirth,
      phone: c.phone,
      locale: c.locale,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    },
    `/customers/${encodeURIComponent(c.reference)}`,
  );
