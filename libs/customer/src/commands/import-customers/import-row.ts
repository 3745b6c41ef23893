import { isCalendarDate, parseIsoTimestamp } from '@patron/shared-kernel';
import {
  CustomerConfig, EMAIL_MAX_LENGTH, GENDERS, NAME_FORBIDDEN_CHARACTERS, NAME_MAX_LENGTH, PHONE_MAX_LENGTH, SALUTATIONS, UNPRINTABLE_CHARACTERS,
} from '../../customer.config';
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

/** The largest value of `customer_reference_seq` (a PostgreSQL bigint). */
const MAX_REFERENCE_NUMBER = 9223372036854775807n;

const choice = <T extends string>(value: string, allowed: readonly T[]): T | null | undefined => {
  if (value === '') return null;
  return allowed.find((a) => a.toLowerCase() === value.toLowerCase());
};

const blankToNull = (value: string | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);

/** A NUL character anywhere, or text that was not UTF-8 (its bytes were decoded as U+FFFD): the row is refused. */
const encodingProblem = (row: CustomerImportRow): string | null => {
  for (const key in row) {
    const value = row[key as keyof CustomerImportRow];
    if (typeof value !== 'string') continue;
    if (value.includes('\u0000')) return 'contains a NUL character';
    if (value.includes('\ufffd')) return `${key} is not valid UTF-8 text (save the file as UTF-8)`;
  }
  return null;
};

const unprintable = (column: string, value: string | null): string | null =>
  value !== null && UNPRINTABLE_CHARACTERS.test(value) ? `${column} contains a control character` : null;

const tooLong = (column: string, value: string | null, max: number): string | null =>
  value !== null && value.length > max ? `${column} has ${value.length} characters (at most ${max})` : null;

/** The storefront's rules for first and last names, so that an imported customer can save their profile unchanged. */
const nameProblem = (column: string, value: string | null): string | null =>
  tooLong(column, value, NAME_MAX_LENGTH) ??
  unprintable(column, value) ??
  (value !== null && NAME_FORBIDDEN_CHARACTERS.test(value) ? `${column} "${value}" contains one of : / < > (not allowed in names)` : null);

/** Checks one import row; returns the record or the reason it is refused. */
export const parseImportRow = (row: CustomerImportRow, config: CustomerConfig): ImportRecord | string => {
  if (row.invalid) return row.invalid;
  const encoding = encodingProblem(row);
  if (encoding) return encoding;
  const reference = (row.customer_reference ?? '').trim();
  if (!reference) return 'missing customer_reference';
  const number = /(\d+)$/.exec(reference);
  if (!number) return `customer_reference "${reference}" does not end in a number`;
  const referenceNumber = BigInt(number[1]);
  if (referenceNumber > MAX_REFERENCE_NUMBER) return `customer_reference "${reference}" ends in a number too large (at most ${MAX_REFERENCE_NUMBER})`;
  const email = (row.email ?? '').trim();
  if (!email) return 'missing email';
  const emailTooLong = tooLong('email', email, EMAIL_MAX_LENGTH);
  if (emailTooLong) return emailTooLong;
  if (!isValidEmail(email)) return `invalid email "${email}"`;
  const firstName = blankToNull(row.first_name);
  const lastName = blankToNull(row.last_name);
  const phone = blankToNull(row.phone);
  const company = blankToNull(row.company);
  const fieldProblem =
    nameProblem('first_name', firstName) ??
    nameProblem('last_name', lastName) ??
    tooLong('phone', phone, PHONE_MAX_LENGTH) ??
    unprintable('phone', phone) ??
    unprintable('company', company);
  if (fieldProblem) return fieldProblem;
  const salutation = choice(row.salutation ?? '', SALUTATIONS);
  if (salutation === undefined) return `unknown salutation "${row.salutation}" (expected ${SALUTATIONS.join(', ')})`;
  const gender = choice(row.gender ?? '', GENDERS);
  if (gender === undefined) return `unknown gender "${row.gender}" (expected ${GENDERS.join(', ')})`;
  const locale = blankToNull(row.locale_name) ?? config.defaultLocale;
  if (!config.locales.includes(locale)) return `unknown locale "${locale}" (expected ${config.locales.join(', ')})`;
  const dateOfBirth = blankToNull(row.date_of_birth);
  if (dateOfBirth && !isCalendarDate(dateOfBirth)) return `invalid date_of_birth "${dateOfBirth}" (expected YYYY-MM-DD)`;
  const registered = blankToNull(row.registered);
  const registeredAt = registered ? parseIsoTimestamp(registered) : null;
  if (registered && !registeredAt) return `invalid registered date "${registered}" (expected YYYY-MM-DD or an ISO 8601 timestamp)`;
  return {
    line: row.line,
    reference,
    referenceNumber,
    email,
    emailNormalized: normalizeEmail(email),
    salutation,
    firstName,
    lastName,
    gender,
    dateOfBirth,
    phone,
    company,
    locale,
    passwordHash: blankToNull(row.password),
    registeredAt,
  };
};
