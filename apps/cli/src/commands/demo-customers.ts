import { CustomerImportRow } from '@patron/customer';
import { OrderImportRow } from '@patron/sales';

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

const STATUSES = ['delivered', 'shipped', 'paid', 'cancelled', 'new'];

/** Up to four orders per demo customer over 2024, deterministic like the customers. */
export const demoOrderRows = (customers: CustomerImportRow[]): OrderImportRow[] =>
  customers.flatMap((customer, i) =>
    Array.from({ length: (i % 4) + 1 }, (_, n) => ({
      line: 0,
      order_reference: `DEMO-ORDER-${i + 1}-${n + 1}`,
      customer_reference: customer.customer_reference,
      created_at: `2024-${String(1 + ((i + n * 3) % 12)).padStart(2, '0')}-${String(1 + ((i * 7 + n) % 28)).padStart(2, '0')}T1${n}:30:00Z`,
      status: STATUSES[(i + n) % STATUSES.length],
      currency: 'EUR',
      grand_total: `${19 + ((i * 37 + n * 11) % 480)}.${String((i * 13 + n) % 100).padStart(2, '0')}`,
      item_count: String(1 + ((i + n) % 5)),
    })),
  ).map((row, index) => ({ ...row, line: index + 2 }));
