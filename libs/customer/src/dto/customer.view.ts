import { Gender, Salutation } from '../customer.config';
import { Customer } from '../domain/customer.entity';

/** A customer as facades return it: no password, key material or token version. */
export interface CustomerView {
  reference: string;
  email: string;
  salutation: Salutation | null;
  firstName: string | null;
  lastName: string | null;
  gender: Gender | null;
  dateOfBirth: string | null;
  phone: string | null;
  company: string | null;
  locale: string;
  /** When the email was confirmed; null while unconfirmed. */
  registeredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** A requested email change waiting for its verification, or null. */
  pendingEmail: string | null;
  /** What customer expander plugins added, by their keys; absent when none are registered. */
  extensions?: Record<string, unknown>;
}

/** A customer who just proved their password, with the credential version the tokens issued now must carry (internal: never shown). */
export interface AuthenticatedCustomer extends CustomerView {
  tokenVersion: number;
}

/** `YYYY-MM-DD`: PostgreSQL drivers hand `date` columns back as strings, the embedded one as a UTC-midnight Date. */
const calendarDay = (value: unknown): string | null =>
  value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.slice(0, 10) : null;

export const toCustomerView = (c: Customer): CustomerView => ({
  reference: c.customerReference,
  email: c.email,
  salutation: c.salutation ?? null,
  firstName: c.firstName ?? null,
  lastName: c.lastName ?? null,
  gender: c.gender ?? null,
  dateOfBirth: calendarDay(c.dateOfBirth),
  phone: c.phone ?? null,
  company: c.company ?? null,
  locale: c.locale,
  registeredAt: c.registeredAt ?? null,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  pendingEmail: c.pendingEmail ?? null,
});
