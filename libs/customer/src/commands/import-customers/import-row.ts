import { CustomerConfig, GENDERS, SALUTATIONS } from '../../customer.config';
import { isValidEmail, normalizeEmail } from '../../domain/email-address';
import { CustomerImportRow } from '../../dto/customer.inputs';

/** A row checked and converted to column values. */
export interface ImportRecord {
  line: number;
  reference: string;
  referenceNumber: bigint;
  email: string;
  emailNormalized: string;
  salutation: string | null;
  firstName: string | null;
  lastName: string | null;
  gender: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  company: string | null;
  locale: string;
  passwordHash: string | null;
  registeredAt: Date | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `YYYY-MM-DD`, optionally with a time and a zone (read as UTC without one). */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

const parseTimestamp = (value: string): Date | null => {
  const match = TIMESTAMP.exec(value);
  if (!match || !isCalendarDate(match[1])) return null;
  const date = new Date(`${match[1]}T${match[2] ?? '00:00:00'}${match[3] ?? 'Z'}`);
  return Number.isNaN(date.getTime()) || !isStorableYear(date) ? null : date;
};
/** The largest value of `customer_reference_seq` (a PostgreSQL bigint). */
const MAX_REFERENCE_NUMBER = 9223372036854775807n;

/** Years PostgreSQL stores for these columns as we write them (it has no year 0). */
const isStorableYear = (date: Date): boolean => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999;

const isCalendarDate = (value: string): boolean => {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isStorableYear(date) && date.toISOString().startsWith(value);
};

const choice = <T extends string>(value: string, allowed: readonly T[]): T | null | undefined => {
  if (value === '') return null;
  return allowed.find((a) => a.toLowerCase() === value.toLowerCase());
};

const blankToNull = (value: string | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);

/** Checks one import row; returns the record or the reason it is refused. */
export const parseImportRow = (row: CustomerImportRow, config: CustomerConfig): ImportRecord | string => {
  if (Object.values(row).some((value) => typeof value === 'string' && value.includes('\u0000'))) return 'contains a NUL character';
  const reference = (row.customer_reference ?? '').trim();
  if (!reference) return 'missing customer_reference';
  const number = /(\d+)$/.exec(reference);
  if (!number) return `customer_reference "${reference}" does not end in a number`;
  const referenceNumber = BigInt(number[1]);
  if (referenceNumber > MAX_REFERENCE_NUMBER) return `customer_reference "${reference}" ends in a number too large (at most ${MAX_REFERENCE_NUMBER})`;
  const email = (row.email ?? '').trim();
  if (!email) return 'missing email';
  if (!isValidEmail(email)) return `invalid email "${email}"`;
  const salutation = choice(row.salutation ?? '', SALUTATIONS);
  if (salutation === undefined) return `unknown salutation "${row.salutation}" (expected ${SALUTATIONS.join(', ')})`;
  const gender = choice(row.gender ?? '', GENDERS);
  if (gender === undefined) return `unknown gender "${row.gender}" (expected ${GENDERS.join(', ')})`;
  const locale = blankToNull(row.locale_name) ?? config.defaultLocale;
  if (!config.locales.includes(locale)) return `unknown locale "${locale}" (expected ${config.locales.join(', ')})`;
  const dateOfBirth = blankToNull(row.date_of_birth);
  if (dateOfBirth && !isCalendarDate(dateOfBirth)) return `invalid date_of_birth "${dateOfBirth}" (expected YYYY-MM-DD)`;
  const registered = blankToNull(row.registered);
  const registeredAt = registered ? parseTimestamp(registered) : null;
  if (registered && !registeredAt) return `invalid registered date "${registered}" (expected YYYY-MM-DD or an ISO 8601 timestamp)`;
  return {
    line: row.line,
    reference,
    referenceNumber,
    email,
    emailNormalized: normalizeEmail(email),
    salutation,
    firstName: blankToNull(row.first_name),
    lastName: blankToNull(row.last_name),
    gender,
    dateOfBirth,
    phone: blankToNull(row.phone),
    company: blankToNull(row.company),
    locale,
    passwordHash: blankToNull(row.password),
    registeredAt,
  };
};
