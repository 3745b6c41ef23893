import * as countries from 'i18n-iso-countries/index';
import english from 'i18n-iso-countries/langs/en.json';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import { FieldViolation } from '@patron/shared-kernel';

// The library without its 79 other locales (the package's main entry registers them all): only English names are used.
countries.registerLocale(english);

/** The English name of an ISO 3166-1 alpha-2 code, or null for an unknown code. */
export const countryName = (iso2Code: string): string | null =>
  /^[A-Z]{2}$/.test(iso2Code) && countries.isValid(iso2Code) ? (countries.getName(iso2Code, 'en') ?? null) : null;

/**
 * Violations of the country rule and, with `checkPostalCodes`, the postal-code rule (checked for countries whose
 * format is known, in any letter case: the library's patterns for some countries, such as NL's `1012 AB`, are upper
 * case only).
 */
export const addressViolations = (iso2Code: string, zipCode: string, checkPostalCodes: boolean): FieldViolation[] => {
  if (!countryName(iso2Code)) return [{ field: 'iso2Code', message: 'This value is not a valid country.' }];
  if (checkPostalCodes && postcodeValidatorExistsForCountry(iso2Code) && !postcodeValidator(zipCode.trim().toUpperCase(), iso2Code)) {
    return [{ field: 'zipCode', message: 'This value is not a valid postal code.' }];
  }
  return [];
};
