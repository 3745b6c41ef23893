import { countryName } from '../domain/address-rules';
import { CustomerAddress } from '../domain/customer-address.entity';

export interface AddressFields {
  salutation?: string | null;
  firstName?: string;
  lastName?: string;
  address1?: string;
  address2?: string;
  address3?: string | null;
  zipCode?: string;
  city?: string;
  iso2Code?: string;
  region?: string | null;
  company?: string | null;
  phone?: string | null;
  comment?: string | null;
}

export type NewAddress = AddressFields &
  Required<Pick<AddressFields, 'firstName' | 'lastName' | 'address1' | 'address2' | 'zipCode' | 'city' | 'iso2Code'>> & {
    isDefaultBilling?: boolean;
    isDefaultShipping?: boolean;
  };

/** `isDefault*: true` makes the address the default; `false` never unsets a current default. */
export interface AddressChanges extends AddressFields {
  isDefaultBilling?: boolean;
  isDefaultShipping?: boolean;
}

export interface AddressView {
  uuid: string;
  customerReference: string;
  salutation: string | null;
  firstName: string;
  lastName: string;
  address1: string;
  address2: string;
  address3: string | null;
  zipCode: string;
  city: string;
  iso2Code: string;
  /** English country name. */
  country: string;
  region: string | null;
  company: string | null;
  phone: string | null;
  comment: string | null;
  isDefaultBilling: boolean;
  isDefaultShipping: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** What address expander plugins added, by their keys; absent when none are registered. */
  extensions?: Record<string, unknown>;
}

export const toAddressView = (a: CustomerAddress): AddressView => ({
  uuid: a.uuid,
  customerReference: a.customerReference,
  salutation: a.salutation ?? null,
  firstName: a.firstName,
  lastName: a.lastName,
  address1: a.address1,
  address2: a.address2,
  address3: a.address3 ?? null,
  zipCode: a.zipCode,
  city: a.city,
  iso2Code: a.iso2Code,
  country: countryName(a.iso2Code) ?? a.iso2Code,
  region: a.region ?? null,
  company: a.company ?? null,
  phone: a.phone ?? null,
  comment: a.comment ?? null,
  isDefaultBilling: a.isDefaultBilling,
  isDefaultShipping: a.isDefaultShipping,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});
