// Form state <-> API bodies for customers and addresses. Inputs hold strings; the API takes null for a cleared
// optional field, and a PATCH carries only what changed.
import type { Address, Customer } from './api';

export interface ProfileForm {
  salutation: string;
  firstName: string;
  lastName: string;
  email: string;
  gender: string;
  dateOfBirth: string;
  phone: string;
  company: string;
  locale: string;
}

const PROFILE_NULLABLE = ['salutation', 'gender', 'dateOfBirth', 'phone', 'company'] as const;

export const profileForm = (c?: Partial<Customer>): ProfileForm => ({
  salutation: c?.salutation ?? '',
  firstName: c?.firstName ?? '',
  lastName: c?.lastName ?? '',
  email: c?.email ?? '',
  gender: c?.gender ?? '',
  dateOfBirth: c?.dateOfBirth ?? '',
  phone: c?.phone ?? '',
  company: c?.company ?? '',
  locale: c?.locale ?? '',
});

/**
 * The body for `POST /api/customers` (no `before`) or `PATCH /api/customers/{ref}` (only fields that differ from
 * `before`). Empty optional fields become null on edit and are left out on create; an empty locale is left out.
 */
export const profileChanges = (form: ProfileForm, before?: Partial<Customer>): Record<string, string | null> => {
  const body: Record<string, string | null> = {};
  const original = before ? profileForm(before) : null;
  for (const key of Object.keys(form) as (keyof ProfileForm)[]) {
    const value = key === 'email' || key === 'locale' ? form[key].trim() : form[key];
    if (original && original[key] === value) continue;
    if (value === '') {
      if ((PROFILE_NULLABLE as readonly string[]).includes(key)) {
        if (original) body[key] = null;
      } else if (key !== 'locale') body[key] = value;
      continue;
    }
    body[key] = value;
  }
  return body;
};

export interface AddressForm {
  salutation: string;
  firstName: string;
  lastName: string;
  company: string;
  address1: string;
  address2: string;
  address3: string;
  zipCode: string;
  city: string;
  iso2Code: string;
  phone: string;
  isDefaultBilling: boolean;
  isDefaultShipping: boolean;
}

const ADDRESS_NULLABLE = ['salutation', 'company', 'address3', 'phone'] as const;

export const addressForm = (a?: Partial<Address>, owner?: Partial<Customer>): AddressForm => ({
  salutation: a?.salutation ?? owner?.salutation ?? '',
  firstName: a?.firstName ?? owner?.firstName ?? '',
  lastName: a?.lastName ?? owner?.lastName ?? '',
  company: a?.company ?? '',
  address1: a?.address1 ?? '',
  address2: a?.address2 ?? '',
  address3: a?.address3 ?? '',
  zipCode: a?.zipCode ?? '',
  city: a?.city ?? '',
  iso2Code: a?.iso2Code ?? '',
  phone: a?.phone ?? '',
  isDefaultBilling: a?.isDefaultBilling ?? false,
  isDefaultShipping: a?.isDefaultShipping ?? false,
});

/** The body for `POST …/addresses` (no `before`) or `PATCH …/addresses/{uuid}` (changed fields only). */
export const addressChanges = (form: AddressForm, before?: Partial<Address>): Record<string, string | boolean | null> => {
  const body: Record<string, string | boolean | null> = {};
  const original = before ? addressForm(before) : null;
  for (const key of Object.keys(form) as (keyof AddressForm)[]) {
    const value = form[key];
    if (original && original[key] === value) continue;
    if (typeof value === 'boolean') {
      // false never unsets a default (the API's rule): only send true, or false on create.
      if (value || !original) body[key] = value;
      continue;
    }
    if (value === '' && (ADDRESS_NULLABLE as readonly string[]).includes(key)) {
      if (original) body[key] = null;
      continue;
    }
    body[key] = value;
  }
  return body;
};
