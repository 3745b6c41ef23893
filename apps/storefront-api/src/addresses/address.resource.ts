import type { AddressView } from '@patron/address';
import { ResourceObject, StorefrontLinks } from '../glue/json-api';

export const ADDRESSES = 'addresses';

/** The `addresses` resource, id = uuid. */
export const addressResource = (links: StorefrontLinks, a: AddressView): ResourceObject =>
  links.resource(
    ADDRESSES,
    a.uuid,
    {
      ...a.extensions, // what address expander plugins add; never replaces a contract attribute
      salutation: a.salutation,
      firstName: a.firstName,
      lastName: a.lastName,
      address1: a.address1,
      address2: a.address2,
      address3: a.address3,
      zipCode: a.zipCode,
      city: a.city,
      country: a.country,
      iso2Code: a.iso2Code,
      company: a.company,
      phone: a.phone,
      isDefaultShipping: a.isDefaultShipping,
      isDefaultBilling: a.isDefaultBilling,
    },
    `/customers/${encodeURIComponent(a.customerReference)}/addresses/${a.uuid}`,
  );
