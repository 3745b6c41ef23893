// The country picker's list: the same ISO 3166-1 names the address module checks codes against.
import en from 'i18n-iso-countries/langs/en.json';

export interface Country {
  code: string;
  name: string;
}

export const COUNTRIES: Country[] = Object.entries(en.countries as Record<string, string | string[]>)
  .map(([code, names]) => ({ code, name: Array.isArray(names) ? names[0] : names }))
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));

export const countryName = (code: string): string => COUNTRIES.find((c) => c.code === code.toUpperCase())?.name ?? code;
