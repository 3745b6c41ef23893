import { z } from 'zod';
import { countryName } from '@patron/address';
import { SALUTATIONS } from '@patron/customer';
import { choice, MESSAGES, name, optionalText, text } from '../glue/validation';

/**
 * ISO 3166-1 alpha-2 in any letter case (`de` is `DE`), kept in upper case; only ASCII letters are upper-cased (`ß`
 * is not `SS`).
 */
const iso2Code = text(2)
  .transform((code) => (/^[a-z]{2}$/i.test(code) ? code.toUpperCase() : code))
  .refine((code) => countryName(code) !== null, 'This value is not a valid country.');
const city = text(255).refine((c) => [...c.trim()].length >= 3, MESSAGES.tooShort(3));

const fields = {
  salutation: choice(SALUTATIONS),
  firstName: name(100),
  lastName: name(100),
  address1: text(255),
  address2: text(255),
  address3: optionalText(255),
  zipCode: text(15),
  city,
  iso2Code,
  company: optionalText(255),
  phone: optionalText(255),
  isDefaultShipping: z.boolean(),
  isDefaultBilling: z.boolean(),
};

/** POST: every field but address3, company and phone is required. */
export const NEW_ADDRESS = z.object(fields);

/** PATCH: every field optional. */
export const ADDRESS_CHANGES = z.object({
  salutation: fields.salutation.optional(),
  firstName: fields.firstName.optional(),
  lastName: fields.lastName.optional(),
  address1: fields.address1.optional(),
  address2: fields.address2.optional(),
  address3: fields.address3,
  zipCode: fields.zipCode.optional(),
  city: fields.city.optional(),
  iso2Code: fields.iso2Code.optional(),
  company: fields.company,
  phone: fields.phone,
  isDefaultShipping: fields.isDefaultShipping.optional(),
  isDefaultBilling: fields.isDefaultBilling.optional(),
});
