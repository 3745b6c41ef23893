import { CustomerImportRow } from '@patron/customer';

export const DEMO_PASSWORD = 'Demo-Shopper-2024!';

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Klara', 'Leon', 'Mia'];
const LAST = ['Becker', 'Fischer', 'Hoffmann', 'Klein', 'Koch', 'Meyer', 'Neumann', 'Richter', 'Schulz', 'Wagner', 'Weber'];

/**
 * A small, fixed set of confirmed demo customers (references `DEMO--1` …), all with the password `DEMO_PASSWORD`,
 * half of them German-speaking. The same call always yields the same customers, so importing twice updates them.
 */
export const demoCustomerRows = (count: number, passwordHash: string): CustomerImportRow[] =>
  Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const female = ['Anna', 'Clara', 'Emma', 'Greta', 'Ida', 'Klara', 'Mia'].includes(first);
    return {
      line: i + 2,
      customer_reference: `DEMO--${i + 1}`,
      locale_name: i % 2 ? 'de_DE' : 'en_US',
      phone: `+49 30 5550 ${String(1000 + i)}`,
      email: `${first}.${last}${i >= FIRST.length ? i : ''}@demo.patron.test`.toLowerCase(),
      salutation: female ? 'Ms' : 'Mr',
      first_name: first,
      last_name: last,
      company: i % 5 === 0 ? 'Demo GmbH' : '',
      gender: female ? 'Female' : 'Male',
      date_of_birth: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
      password: passwordHash,
      registered: '2024-01-15',
    };
  });
