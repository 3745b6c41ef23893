import * as bcrypt from 'bcryptjs';
import { hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { AuthenticationFailedError, CustomerFacade, CustomerImportRow, CustomerImportSummary } from '@patron/customer';
import { Clock } from '@patron/shared-kernel';
import { CoreContext, startCoreContext } from '../../../test/support/core-context';

/**
 * The customer importer through CustomerFacade.importCustomers, against a real PostgreSQL database (a clone of the
 * migrated template); every assertion reads the rows back with a separate connection.
 */

const PASSWORD = 'change123';
/** A real PHP-style bcrypt hash ($2y$), as Spryker stores them. */
const BCRYPT_2Y = bcrypt.hashSync(PASSWORD, 10).replace(/^\$2b\$/, '$2y$');
const NEW_PASSWORD = 'Correct-Horse7!';
/** An email of `length` characters that is otherwise valid. */
const longEmail = (length: number): string => `${'a'.repeat(60)}@${'b'.repeat(length - 73)}.example.com`;
const UNREADABLE_HASH = 'password is not a password hash this installation can read (bcrypt $2y$/$2a$/$2b$ or argon2); plain passwords are not imported';

class FixedClock extends Clock {
  current = new Date('2026-01-10T09:00:00.000Z');
  now(): Date {
    return new Date(this.current.getTime());
  }
}

type RowFields = Partial<Omit<CustomerImportRow, 'line'>>;

/** A row with every column present (blank unless given), as the CSV reader yields them. */
const rawRow = (line: number, fields: RowFields): CustomerImportRow => ({
  line,
  customer_reference: '',
  locale_name: '',
  phone: '',
  email: '',
  salutation: '',
  first_name: '',
  last_name: '',
  company: '',
  gender: '',
  date_of_birth: '',
  password: '',
  registered: '',
  ...fields,
});

/** A valid, confirmed customer DE--n on line n + 1, overridable field by field. */
const row = (n: number, fields: RowFields = {}, line = n + 1): CustomerImportRow =>
  rawRow(line, {
    customer_reference: `DE--${n}`,
    locale_name: 'de_DE',
    phone: `+49 30 ${1000 + n}`,
    email: `customer${n}@example.com`,
    salutation: 'Mr',
    first_name: `First${n}`,
    last_name: `Last${n}`,
    company: `Company ${n}`,
    gender: 'Male',
    date_of_birth: '1980-01-01',
    password: BCRYPT_2Y,
    registered: '2017-01-20',
    ...fields,
  });

/** Gives rows one at a time, asynchronously, as the CSV stream does. */
async function* streamed(rows: CustomerImportRow[]): AsyncGenerator<CustomerImportRow> {
  for (const r of rows) {
    await new Promise((resolve) => setImmediate(resolve));
    yield r;
  }
}

interface CustomerRow {
  id: string;
  customer_reference: string;
  email: string;
  email_normalized: string;
  salutation: string | null;
  first_name: string | null;
  last_name: string | null;
  gender: string | null;
  date_of_birth: string | null;
  phone: string | null;
  company: string | null;
  locale: string;
  password_hash: string | null;
  registration_key_hash: string | null;
  registered_at: Date | null;
  anonymized_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

describe('CustomerFacade.importCustomers (real PostgreSQL)', () => {
  let context: CoreContext;
  let customers: CustomerFacade;
  let pg: Client;
  const clock = new FixedClock();

  const sql = async <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
    (await pg.query(query, params)).rows as T[];

  const allCustomers = () =>
    sql<CustomerRow>(`select id::text as id, customer_reference, email, email_normalized, salutation, first_name, last_name, gender,
      date_of_birth::text as date_of_birth, phone, company, locale, password_hash, registration_key_hash, registered_at,
      anonymized_at, created_at, updated_at from customer order by id`);

  const customer = async (reference: string): Promise<CustomerRow> => {
    const found = (await allCustomers()).filter((c) => c.customer_reference === reference);
    expect(found).toHaveLength(1);
    return found[0];
  };

  const count = async () => Number((await sql<{ n: string }>('select count(*) as n from customer'))[0].n);

  /** Everything the importer may touch: the customer table and the reference sequence. */
  const snapshot = async () => ({
    customers: await allCustomers(),
    sequence: (await sql('select last_value::text as last_value, is_called from customer_reference_seq'))[0],
  });

  /** The reference the next registration gets (takes a number from the sequence, as the storefront does). */
  const nextRegisteredReference = async (): Promise<string> => {
    const view = await customers.register({
      email: `registered.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`,
      password: NEW_PASSWORD,
      salutation: 'Ms',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    return view.reference;
  };

  const importRows = (rows: CustomerImportRow[], skipInvalid?: boolean): Promise<CustomerImportSummary> =>
    customers.importCustomers(rows, skipInvalid === undefined ? undefined : { skipInvalid });

  const byLine = (summary: CustomerImportSummary) => [...summary.problems].sort((a, b) => a.line - b.line);

  beforeAll(async () => {
    context = await startCoreContext({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
    customers = context.app.get(CustomerFacade);
    pg = new Client({ connectionString: context.db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await context?.close();
  });

  beforeEach(async () => {
    clock.current = new Date('2026-01-10T09:00:00.000Z');
    await sql('truncate customer, outbox_message, customer_refresh_token restart identity cascade');
    await sql('alter sequence customer_reference_seq restart with 1');
  });

  describe('valid rows', () => {
    it('creates customers with every field, converted and kept as given', async () => {
      const summary = await importRows([
        rawRow(2, {
          customer_reference: 'DE--1',
          locale_name: 'de_DE',
          phone: '+49 30 1234',
          email: 'Sonia.Wagner@Example.COM',
          salutation: 'Ms',
          first_name: 'Sonia',
          last_name: 'Wagner',
          company: `O'Brien \\ Söhne? GmbH`,
          gender: 'Female',
          date_of_birth: '1985-02-28',
          password: BCRYPT_2Y,
          registered: '2017-03-15',
        }),
        // Blank optional fields, case-insensitive choices and padded names.
        rawRow(3, {
          customer_reference: ' DE--2 ',
          email: ' max@example.com ',
          salutation: 'mr',
          first_name: '  Max ',
          last_name: 'Mustermann',
          gender: 'male',
        }),
        // A registered timestamp with a time zone, another locale.
        rawRow(4, {
          customer_reference: 'DE--3',
          locale_name: 'en_US',
          email: 'dr.who@example.com',
          salutation: 'Dr',
          last_name: 'Who',
          password: BCRYPT_2Y,
          registered: '2018-06-01T10:30:00+02:00',
        }),
      ]);

      expect(summary).toEqual({ rows: 3, created: 3, updated: 0, skipped: 0, problems: [], unconfirmed: 1, imported: true });
      const now = clock.current;
      const common = { id: expect.any(String), registration_key_hash: null, anonymized_at: null, created_at: now, updated_at: now };
      expect(await allCustomers()).toEqual([
        {
          ...common,
          customer_reference: 'DE--1',
          email: 'Sonia.Wagner@Example.COM',
          email_normalized: 'sonia.wagner@example.com',
          salutation: 'Ms',
          first_name: 'Sonia',
          last_name: 'Wagner',
          gender: 'Female',
          date_of_birth: '1985-02-28',
          phone: '+49 30 1234',
          company: `O'Brien \\ Söhne? GmbH`,
          locale: 'de_DE',
          password_hash: BCRYPT_2Y,
          registered_at: new Date('2017-03-15T00:00:00.000Z'),
        },
        {
          ...common,
          customer_reference: 'DE--2',
          email: 'max@example.com',
          email_normalized: 'max@example.com',
          salutation: 'Mr',
          first_name: 'Max',
          last_name: 'Mustermann',
          gender: 'Male',
          date_of_birth: null,
          phone: null,
          company: null,
          locale: 'en_US',
          password_hash: null,
          registered_at: null,
        },
        {
          ...common,
          customer_reference: 'DE--3',
          email: 'dr.who@example.com',
          email_normalized: 'dr.who@example.com',
          salutation: 'Dr',
          first_name: null,
          last_name: 'Who',
          gender: null,
          date_of_birth: null,
          phone: null,
          company: null,
          locale: 'en_US',
          password_hash: BCRYPT_2Y,
          registered_at: new Date('2018-06-01T08:30:00.000Z'),
        },
      ]);

      // The facade reads them back as live customers.
      expect(await customers.findByEmail('sonia.wagner@example.com')).toMatchObject({
        reference: 'DE--1',
        email: 'Sonia.Wagner@Example.COM',
        dateOfBirth: '1985-02-28',
        locale: 'de_DE',
        registeredAt: new Date('2017-03-15T00:00:00.000Z'),
      });
    });

    it('reads the rows from an async iterable (the CSV stream) as well as from an array', async () => {
      const summary = await customers.importCustomers(streamed([row(1), row(2), row(3)]), {});
      expect(summary).toEqual({ rows: 3, created: 3, updated: 0, skipped: 0, problems: [], unconfirmed: 0, imported: true });
      expect((await allCustomers()).map((c) => c.customer_reference)).toEqual(['DE--1', 'DE--2', 'DE--3']);
    });

    it("accepts emails and names as long as the storefront's limits and names with other punctuation", async () => {
      const summary = await importRows([
        row(1, { email: longEmail(100), first_name: 'F'.repeat(100), last_name: 'L'.repeat(100), phone: '1'.repeat(255) }),
        row(2, { first_name: `Anne-Marie d'Arc`, last_name: 'Müller (née Meier) & Co. #2' }),
      ]);
      expect(summary).toMatchObject({ created: 2, problems: [], imported: true });
      expect((await allCustomers()).map((c) => [c.email.length, c.first_name, c.last_name?.length, c.phone?.length])).toEqual([
        [100, 'F'.repeat(100), 100, 255],
        [21, `Anne-Marie d'Arc`, 27, 11],
      ]);
    });

    it('accepts the earliest and latest dates PostgreSQL stores, and the largest reference number of the sequence', async () => {
      const summary = await importRows([
        row(1, { date_of_birth: '0001-01-01', registered: '9999-12-31' }),
        row(2, { customer_reference: 'DE--9223372036854775807', date_of_birth: '9999-12-31', registered: '0001-01-01T00:00:00Z' }),
      ]);
      expect(summary).toMatchObject({ created: 2, problems: [], imported: true });
      expect((await allCustomers()).map((c) => [c.customer_reference, c.date_of_birth, c.registered_at?.toISOString()])).toEqual([
        ['DE--1', '0001-01-01', '9999-12-31T00:00:00.000Z'],
        ['DE--9223372036854775807', '9999-12-31', '0001-01-01T00:00:00.000Z'],
      ]);
      expect((await sql('select last_value::text as v from customer_reference_seq'))[0]).toEqual({ v: '9223372036854775807' });
    });

    it('imports an empty input as nothing, successfully', async () => {
      expect(await importRows([])).toEqual({ rows: 0, created: 0, updated: 0, skipped: 0, problems: [], unconfirmed: 0, imported: true });
      expect(await count()).toBe(0);
    });

    it('imports a file larger than one batch (5000 rows) completely', async () => {
      const rows = Array.from({ length: 12345 }, (_, i) => row(i + 1));
      const summary = await customers.importCustomers(streamed(rows));
      expect(summary).toEqual({ rows: 12345, created: 12345, updated: 0, skipped: 0, problems: [], unconfirmed: 0, imported: true });
      expect(await count()).toBe(12345);
      const [range] = await sql<{ low: string; high: string }>(
        `select min(substring(customer_reference from 5)::int)::text as low, max(substring(customer_reference from 5)::int)::text as high from customer`,
      );
      expect(range).toEqual({ low: '1', high: '12345' });
      expect(await nextRegisteredReference()).toBe('DE--12346');
    });
  });

  describe('re-import', () => {
    it('updates customers with the same reference instead of duplicating them', async () => {
      await importRows([row(1), row(2, { email: 'b@example.com' })]);
      const [first, second] = await allCustomers();
      const importedAt = clock.current;

      clock.current = new Date('2026-02-01T12:00:00.000Z');
      const summary = await importRows([
        row(1, {
          email: 'CUSTOMER1@example.com',
          first_name: 'Changed',
          phone: '',
          company: '',
          gender: 'Female',
          salutation: 'Mrs',
          locale_name: 'en_US',
          date_of_birth: '1970-07-07',
        }),
        // Its own email in another case is not a duplicate.
        row(2, { email: 'B@EXAMPLE.COM' }),
        row(3),
      ]);

      expect(summary).toEqual({ rows: 3, created: 1, updated: 2, skipped: 0, problems: [], unconfirmed: 0, imported: true });
      expect(await count()).toBe(3);
      const updated = await customer('DE--1');
      expect(updated).toEqual({
        ...first,
        email: 'CUSTOMER1@example.com',
        first_name: 'Changed',
        phone: null,
        company: null,
        gender: 'Female',
        salutation: 'Mrs',
        locale: 'en_US',
        date_of_birth: '1970-07-07',
        created_at: importedAt,
        updated_at: clock.current,
      });
      expect(await customer('DE--2')).toEqual({ ...second, email: 'B@EXAMPLE.COM', updated_at: clock.current });
      expect((await customer('DE--3')).created_at).toEqual(clock.current);
    });

    it('re-importing the same file twice changes nothing but the counts', async () => {
      const rows = [row(1), row(2), row(3)];
      expect(await importRows(rows)).toMatchObject({ created: 3, updated: 0, imported: true });
      const before = await allCustomers();
      expect(await importRows(rows)).toEqual({ rows: 3, created: 0, updated: 3, skipped: 0, problems: [], unconfirmed: 0, imported: true });
      expect(await allCustomers()).toEqual(before);
    });

    it('does not overwrite a customer who registered through the storefront under a reference the file also uses', async () => {
      const registered = await nextRegisteredReference();
      expect(registered).toBe('DE--1');
      const before = await customer('DE--1');
      const summary = await importRows([row(1, { email: 'imported@example.com' })], true);
      expect(summary).toMatchObject({ created: 0, updated: 0, imported: true });
      expect(summary.problems).toEqual([
        { line: 2, reference: 'DE--1', reason: 'customer_reference DE--1 belongs to a customer with another email; not overwritten' },
      ]);
      expect(await customer('DE--1')).toEqual(before);
    });

    it('counts the customers left unconfirmed: new ones without a registered date, and existing unconfirmed ones still without', async () => {
      await importRows([row(1), row(2, { registered: '' })]);
      const summary = await importRows([
        row(1, { registered: '' }), // confirmed before: stays confirmed
        row(2, { registered: '' }), // still unconfirmed
        row(3, { registered: '' }),
        row(4),
      ]);
      expect(summary).toEqual({ rows: 4, created: 2, updated: 2, skipped: 0, problems: [], unconfirmed: 2, imported: true });
      expect((await allCustomers()).map((c) => [c.customer_reference, c.registered_at !== null])).toEqual([
        ['DE--1', true],
        ['DE--2', false],
        ['DE--3', false],
        ['DE--4', true],
      ]);

      // Skipped and rolled-back rows are not counted.
      expect(await importRows([row(5, { registered: '' }), row(6, { registered: '', gender: 'X' })], true)).toMatchObject({ created: 1, unconfirmed: 1 });
      expect(await importRows([row(7, { registered: '' }), row(8, { gender: 'X' })])).toMatchObject({ created: 0, unconfirmed: 0, imported: false });
    });

    it('keeps the password hash and the confirmation a customer already has when re-imported', async () => {
      await importRows([row(1)]);
      await sql(`update customer set password_hash = '$argon2id$upgraded' where customer_reference = 'DE--1'`);
      const summary = await importRows([row(1, { registered: '', first_name: 'Again' })]);
      expect(summary).toMatchObject({ updated: 1, imported: true });
      expect(await customer('DE--1')).toMatchObject({ password_hash: '$argon2id$upgraded', first_name: 'Again', registered_at: expect.anything() });
    });
  });

  describe('reference sequence', () => {
    it('moves past the highest imported number, and a lower number imported later does not move it back', async () => {
      await importRows([row(3), row(21), row(7)]);
      expect(await nextRegisteredReference()).toBe('DE--22');

      expect(await importRows([row(5)])).toMatchObject({ created: 1, imported: true });
      expect(await nextRegisteredReference()).toBe('DE--23');

      // Re-importing the highest number again does not reset it either.
      expect(await importRows([row(21)])).toMatchObject({ updated: 1, imported: true });
      expect(await nextRegisteredReference()).toBe('DE--24');
    });

    it('continues after the numbers registrations already took', async () => {
      expect(await nextRegisteredReference()).toBe('DE--1');
      expect(await nextRegisteredReference()).toBe('DE--2');
      await importRows([row(2, { email: 'second@example.com' })]);
      expect(await nextRegisteredReference()).toBe('DE--3');
    });

    it('does not move when the import is rolled back', async () => {
      const summary = await importRows([row(500), row(501, { email: 'broken' })]);
      expect(summary.imported).toBe(false);
      expect(await nextRegisteredReference()).toBe('DE--1');
    });

    it('counts only the rows actually imported when invalid ones are skipped', async () => {
      await importRows([rawRow(1, { customer_reference: 'DE--1', email: 'taken@example.com' })]);
      const summary = await importRows(
        [row(10), row(900, { email: 'not-an-email' }), row(950, { email: 'TAKEN@example.com' }), row(990, { gender: 'X' })],
        true,
      );
      expect(summary).toMatchObject({ rows: 4, created: 1, skipped: 3, imported: true });
      expect(await nextRegisteredReference()).toBe('DE--11');
    });
  });

  describe('invalid rows', () => {
    const BAD_ROWS: { kind: string; fields: RowFields; reason: string; reference?: string }[] = [
      { kind: 'missing email', fields: { email: '' }, reason: 'missing email' },
      { kind: 'blank email', fields: { email: '   ' }, reason: 'missing email' },
      { kind: 'invalid email', fields: { email: 'not-an-email' }, reason: 'invalid email "not-an-email"' },
      { kind: 'email without domain', fields: { email: 'max@' }, reason: 'invalid email "max@"' },
      {
        kind: 'reference not ending in a number',
        fields: { customer_reference: 'DE--ABC' },
        reason: 'customer_reference "DE--ABC" does not end in a number',
        reference: 'DE--ABC',
      },
      { kind: 'missing reference', fields: { customer_reference: '' }, reason: 'missing customer_reference', reference: '' },
      // The reference sequence is a PostgreSQL bigint: a larger number must be a bad row, not an SQL error for the whole file.
      {
        kind: 'reference number beyond the bigint sequence',
        fields: { customer_reference: 'DE--9223372036854775808' },
        reason: 'customer_reference "DE--9223372036854775808" ends in a number too large (at most 9223372036854775807)',
        reference: 'DE--9223372036854775808',
      },
      { kind: 'unknown salutation', fields: { salutation: 'Sir' }, reason: 'unknown salutation "Sir" (expected Mr, Mrs, Ms, Dr)' },
      { kind: 'unknown gender', fields: { gender: 'Diverse' }, reason: 'unknown gender "Diverse" (expected Male, Female)' },
      { kind: 'unknown locale', fields: { locale_name: 'fr_FR' }, reason: 'unknown locale "fr_FR" (expected en_US, de_DE)' },
      {
        kind: 'impossible date_of_birth',
        fields: { date_of_birth: '1990-02-30' },
        reason: 'invalid date_of_birth "1990-02-30" (expected YYYY-MM-DD)',
      },
      {
        kind: 'date_of_birth in another format',
        fields: { date_of_birth: '10.12.1990' },
        reason: 'invalid date_of_birth "10.12.1990" (expected YYYY-MM-DD)',
      },
      // PostgreSQL has no year 0: such dates must be bad rows, not an SQL error for the whole file.
      {
        kind: 'date_of_birth in year 0',
        fields: { date_of_birth: '0000-01-01' },
        reason: 'invalid date_of_birth "0000-01-01" (expected YYYY-MM-DD)',
      },
      { kind: 'registered date in year 0', fields: { registered: '0000-01-01' }, reason: 'invalid registered date \"0000-01-01\" (expected YYYY-MM-DD or an ISO 8601 timestamp)' },
      {
        kind: 'registered timestamp before year 1 in UTC',
        fields: { registered: '0001-01-01T00:30:00+01:00' },
        reason: 'invalid registered date \"0001-01-01T00:30:00+01:00\" (expected YYYY-MM-DD or an ISO 8601 timestamp)',
      },
      {
        kind: 'registered timestamp after year 9999',
        fields: { registered: '+010000-01-01T00:00:00Z' },
        reason: 'invalid registered date \"+010000-01-01T00:00:00Z\" (expected YYYY-MM-DD or an ISO 8601 timestamp)',
      },
      { kind: 'a bare number as registered date', fields: { registered: '1' }, reason: 'invalid registered date "1" (expected YYYY-MM-DD or an ISO 8601 timestamp)' },
      { kind: 'a NUL character', fields: { first_name: 'A\u0000B' }, reason: 'contains a NUL character' },
      { kind: 'text that was not UTF-8', fields: { last_name: 'M\ufffdller' }, reason: 'last_name is not valid UTF-8 text (save the file as UTF-8)' },
      { kind: 'a line break in first_name', fields: { first_name: 'Ada\nBcc: x@evil.test' }, reason: 'first_name contains a control character' },
      { kind: 'a C1 control character in last_name', fields: { last_name: 'Love\u0085lace' }, reason: 'last_name contains a control character' },
      { kind: 'an escape sequence in company', fields: { company: 'ACME\u001b[31m' }, reason: 'company contains a control character' },
      // The storefront's limits: a customer imported with such values could not save their profile.
      { kind: 'an email over 100 characters', fields: { email: longEmail(124) }, reason: 'email has 124 characters (at most 100)' },
      { kind: 'a first_name over 100 characters', fields: { first_name: 'A'.repeat(300) }, reason: 'first_name has 300 characters (at most 100)' },
      { kind: 'a last_name over 100 characters', fields: { last_name: 'B'.repeat(101) }, reason: 'last_name has 101 characters (at most 100)' },
      { kind: 'a phone over 255 characters', fields: { phone: '1'.repeat(256) }, reason: 'phone has 256 characters (at most 255)' },
      { kind: 'a colon in first_name', fields: { first_name: 'Dr: Ada' }, reason: 'first_name "Dr: Ada" contains one of : / < > (not allowed in names)' },
      { kind: 'a slash in first_name', fields: { first_name: 'Ada/Bob' }, reason: 'first_name "Ada/Bob" contains one of : / < > (not allowed in names)' },
      { kind: 'markup in last_name', fields: { last_name: '<b>Lovelace</b>' }, reason: 'last_name "<b>Lovelace</b>" contains one of : / < > (not allowed in names)' },
      { kind: 'a > in last_name', fields: { last_name: 'Love>lace' }, reason: 'last_name "Love>lace" contains one of : / < > (not allowed in names)' },
      // Set by the CSV reader for a row whose values do not match the header's columns.
      { kind: 'a reason given by the reader', fields: { invalid: 'has 11 columns, the header has 12' }, reason: 'has 11 columns, the header has 12' },
      { kind: 'a plain password', fields: { password: 'change123' }, reason: UNREADABLE_HASH },
      { kind: 'a truncated bcrypt hash', fields: { password: BCRYPT_2Y.slice(0, 40) }, reason: UNREADABLE_HASH },
      { kind: 'an unknown hash format', fields: { password: '{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=' }, reason: UNREADABLE_HASH },
      { kind: 'invalid registered date', fields: { registered: 'yesterday' }, reason: 'invalid registered date \"yesterday\" (expected YYYY-MM-DD or an ISO 8601 timestamp)' },
      { kind: 'impossible registered date', fields: { registered: '2017-02-30' }, reason: 'invalid registered date \"2017-02-30\" (expected YYYY-MM-DD or an ISO 8601 timestamp)' },
      {
        kind: 'duplicate email within the file (other case)',
        fields: { email: 'CUSTOMER1@example.com' },
        reason: 'duplicate email "CUSTOMER1@example.com" (already on line 2)',
      },
      {
        kind: 'duplicate reference within the file',
        fields: { customer_reference: 'DE--1' },
        reason: 'duplicate customer_reference "DE--1" (already on line 2)',
        reference: 'DE--1',
      },
    ];

    it.each(BAD_ROWS)('without skipInvalid, a file with one row with $kind imports nothing and reports it', async ({ fields, reason, reference }) => {
      const before = await snapshot();
      const bad = row(2, fields);
      const summary = await importRows([row(1), bad, row(3)]);
      expect(summary).toEqual({
        rows: 3,
        created: 0,
        updated: 0,
        skipped: 0,
        problems: [{ line: 3, reference: reference ?? 'DE--2', reason }],
        unconfirmed: 0,
        imported: false,
      });
      expect(await snapshot()).toEqual(before);
    });

    it.each(BAD_ROWS)('with skipInvalid, a row with $kind is skipped and reported, the others imported', async ({ fields, reason, reference }) => {
      const summary = await importRows([row(1), row(2, fields), row(3)], true);
      expect(summary).toEqual({
        rows: 3,
        created: 2,
        updated: 0,
        skipped: 1,
        problems: [{ line: 3, reference: reference ?? 'DE--2', reason }],
        unconfirmed: 0,
        imported: true,
      });
      const references = (await allCustomers()).map((c) => c.customer_reference);
      expect(references).toEqual(['DE--1', 'DE--3']);
    });

    it('reports an email used by another live customer in the database (any case), and not one of an anonymized customer', async () => {
      // A live customer registered through the storefront, and one whose account was deleted.
      const taken = await customers.register({ email: 'Taken@Example.com', password: NEW_PASSWORD });
      expect(taken.reference).toBe('DE--1');
      const gone = await customers.register({ email: 'gone@example.com', password: NEW_PASSWORD });
      await customers.anonymize(gone.reference);
      // A deleted customer whose row still has the address (deleted before emails were scrambled): not live either.
      const old = await customers.register({ email: 'old@example.com', password: NEW_PASSWORD });
      await sql(`update customer set anonymized_at = now() where customer_reference = $1`, [old.reference]);
      const before = await snapshot();

      const rows = [row(10), row(11, { email: 'taken@EXAMPLE.com' }), row(12, { email: 'gone@example.com' }), row(13, { email: 'Old@example.com' })];
      const refused = await importRows(rows);
      expect(refused).toEqual({
        rows: 4,
        created: 0,
        updated: 0,
        skipped: 0,
        problems: [{ line: 12, reference: 'DE--11', reason: 'duplicate email "taken@EXAMPLE.com" (used by customer DE--1)' }],
        unconfirmed: 0,
        imported: false,
      });
      expect(await snapshot()).toEqual(before);

      const skipped = await importRows(rows, true);
      expect(skipped).toMatchObject({ rows: 4, created: 3, updated: 0, skipped: 1, imported: true });
      expect(skipped.problems).toEqual([{ line: 12, reference: 'DE--11', reason: 'duplicate email "taken@EXAMPLE.com" (used by customer DE--1)' }]);
      expect(await customer('DE--1')).toMatchObject({ email: 'Taken@Example.com' });
      expect(await customer('DE--12')).toMatchObject({ email: 'gone@example.com', anonymized_at: null });
      expect(await customer('DE--13')).toMatchObject({ email: 'Old@example.com', anonymized_at: null });
    });

    it('does not bring a deleted (anonymized) customer back', async () => {
      const gone = await customers.register({ email: 'deleted.one@example.com', password: NEW_PASSWORD });
      await customers.anonymize(gone.reference);
      const summary = await importRows([row(Number(gone.reference.split('--')[1]), { email: 'deleted.one@example.com' })], true);
      expect(summary.problems).toEqual([
        { line: 2, reference: gone.reference, reason: `customer ${gone.reference} was deleted (anonymized) and is not restored` },
      ]);
      expect(await customer(gone.reference)).toMatchObject({ first_name: null, anonymized_at: expect.anything() });
    });

    it('reports every bad row of a file with its line number and reason', async () => {
      await importRows([rawRow(2, { customer_reference: 'DE--1', email: 'taken@example.com', first_name: 'Original' })]);
      const existing = await customer('DE--1');

      const rows = [
        row(10, { email: 'ok@example.com' }, 2),
        row(11, { email: '' }, 3),
        row(12, { email: 'not-an-email' }, 4),
        row(13, { customer_reference: 'CUSTOMER-X' }, 5),
        row(14, { salutation: 'Sir' }, 6),
        row(15, { gender: 'Diverse' }, 7),
        row(16, { email: 'OK@example.com' }, 8),
        row(17, { email: 'Taken@Example.com' }, 9),
        row(18, { date_of_birth: '1990-02-30' }, 10),
        // An invalid row may be followed by blank lines in the file: line numbers are the file's, not the row count.
        row(19, { date_of_birth: '31.12.1990' }, 13),
        row(20, {}, 14),
      ];
      const expectedProblems = [
        { line: 3, reference: 'DE--11', reason: 'missing email' },
        { line: 4, reference: 'DE--12', reason: 'invalid email "not-an-email"' },
        { line: 5, reference: 'CUSTOMER-X', reason: 'customer_reference "CUSTOMER-X" does not end in a number' },
        { line: 6, reference: 'DE--14', reason: 'unknown salutation "Sir" (expected Mr, Mrs, Ms, Dr)' },
        { line: 7, reference: 'DE--15', reason: 'unknown gender "Diverse" (expected Male, Female)' },
        { line: 8, reference: 'DE--16', reason: 'duplicate email "OK@example.com" (already on line 2)' },
        { line: 9, reference: 'DE--17', reason: 'duplicate email "Taken@Example.com" (used by customer DE--1)' },
        { line: 10, reference: 'DE--18', reason: 'invalid date_of_birth "1990-02-30" (expected YYYY-MM-DD)' },
        { line: 13, reference: 'DE--19', reason: 'invalid date_of_birth "31.12.1990" (expected YYYY-MM-DD)' },
      ];

      const all = await importRows(rows);
      expect(all).toMatchObject({ rows: 11, created: 0, updated: 0, skipped: 0, imported: false });
      expect(byLine(all)).toEqual(expectedProblems);
      expect(await allCustomers()).toEqual([existing]);

      const some = await importRows(rows, true);
      expect(some).toMatchObject({ rows: 11, created: 2, updated: 0, skipped: 9, imported: true });
      expect(byLine(some)).toEqual(expectedProblems);
      expect((await allCustomers()).map((c) => c.customer_reference)).toEqual(['DE--1', 'DE--10', 'DE--20']);
      expect(await customer('DE--1')).toEqual(existing);
    });

    it('without skipInvalid, one bad row leaves the database unchanged, updates of existing customers included', async () => {
      await importRows([row(1), row(2)]);
      const before = await snapshot();
      clock.current = new Date('2026-03-01T00:00:00.000Z');

      const summary = await importRows([row(1, { first_name: 'Changed' }), row(2, { last_name: 'New2' }), row(30), row(31, { gender: 'Robot' })]);

      expect(summary).toEqual({
        rows: 4,
        created: 0,
        updated: 0,
        skipped: 0,
        problems: [{ line: 32, reference: 'DE--31', reason: 'unknown gender "Robot" (expected Male, Female)' }],
        unconfirmed: 0,
        imported: false,
      });
      expect(await snapshot()).toEqual(before);
      expect(await nextRegisteredReference()).toBe('DE--3');
    });

    it('without skipInvalid, a bad row after the first batch of 5000 still rolls back the rows before it', async () => {
      const before = await snapshot();
      const rows = Array.from({ length: 5500 }, (_, i) => row(i + 1));
      rows.push(row(5501, { email: 'broken-email' }));

      const summary = await customers.importCustomers(streamed(rows));

      expect(summary).toEqual({
        rows: 5501,
        created: 0,
        updated: 0,
        skipped: 0,
        problems: [{ line: 5502, reference: 'DE--5501', reason: 'invalid email "broken-email"' }],
        unconfirmed: 0,
        imported: false,
      });
      expect(await snapshot()).toEqual(before);
      expect(await count()).toBe(0);
      expect(await nextRegisteredReference()).toBe('DE--1');
    });

    it('without skipInvalid, an email taken in the database found in a later batch rolls back the earlier batches', async () => {
      await importRows([rawRow(1, { customer_reference: 'DE--99999', email: 'taken@example.com' })]);
      const before = await snapshot();
      const rows = Array.from({ length: 5200 }, (_, i) => row(i + 1));
      rows[5100] = row(5101, { email: 'taken@example.com' });

      const summary = await importRows(rows);

      expect(summary).toMatchObject({ rows: 5200, created: 0, updated: 0, imported: false });
      expect(summary.problems).toEqual([{ line: 5102, reference: 'DE--5101', reason: 'duplicate email "taken@example.com" (used by customer DE--99999)' }]);
      expect(await snapshot()).toEqual(before);
    });

    it('with skipInvalid, imports the valid rows of every batch and reports the bad ones', async () => {
      const rows = Array.from({ length: 12000 }, (_, i) => row(i + 1));
      const bad = [5, 999, 4999, 5000, 5001, 11400];
      for (const n of bad) rows[n - 1] = row(n, { email: `bad-${n}` });

      const summary = await customers.importCustomers(streamed(rows), { skipInvalid: true });

      expect(summary).toMatchObject({ rows: 12000, created: 11994, updated: 0, skipped: 6, imported: true });
      expect(byLine(summary)).toEqual(bad.map((n) => ({ line: n + 1, reference: `DE--${n}`, reason: `invalid email "bad-${n}"` })));
      expect(await count()).toBe(11994);
      const missing = await sql<{ customer_reference: string }>(
        `select customer_reference from customer where customer_reference = any($1::text[])`,
        [bad.map((n) => `DE--${n}`)],
      );
      expect(missing).toEqual([]);
      expect(await nextRegisteredReference()).toBe('DE--12001');
    });
  });

  describe('logging in as an imported customer', () => {
    it('a confirmed customer logs in with the kept bcrypt hash, which is then replaced by argon2id', async () => {
      await importRows([row(21, { email: 'Sonia@Example.com' })]);
      expect((await customer('DE--21')).password_hash).toBe(BCRYPT_2Y);

      await expect(customers.authenticate('sonia@example.com', 'wrong-password')).rejects.toBeInstanceOf(AuthenticationFailedError);
      expect((await customer('DE--21')).password_hash).toBe(BCRYPT_2Y);

      const view = await customers.authenticate('SONIA@example.com', PASSWORD);
      expect(view).toMatchObject({ reference: 'DE--21', email: 'Sonia@Example.com' });
      const upgraded = (await customer('DE--21')).password_hash!;
      expect(upgraded).toMatch(/^\$argon2id\$v=19\$/);

      // The new hash keeps working, and still refuses a wrong password.
      await expect(customers.authenticate('sonia@example.com', PASSWORD)).resolves.toMatchObject({ reference: 'DE--21' });
      await expect(customers.authenticate('sonia@example.com', 'change1234')).rejects.toBeInstanceOf(AuthenticationFailedError);
      expect((await customer('DE--21')).password_hash).toBe(upgraded);
    });

    it('a customer imported with an argon2id hash (as Patron stores them) logs in with it', async () => {
      const argon2idHash = await hash(PASSWORD, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
      const summary = await importRows([row(23, { email: 'argon@example.com', password: argon2idHash })]);
      expect(summary).toMatchObject({ created: 1, problems: [] });
      await expect(customers.authenticate('argon@example.com', PASSWORD)).resolves.toMatchObject({ reference: 'DE--23' });
    });

    it('an unconfirmed customer (empty registered) cannot log in while double opt-in is on', async () => {
      await importRows([row(22, { email: 'pending@example.com', registered: '' })]);
      expect((await customer('DE--22')).registered_at).toBeNull();
      await expect(customers.authenticate('pending@example.com', PASSWORD)).rejects.toBeInstanceOf(AuthenticationFailedError);
      // Refused before any rehash.
      expect((await customer('DE--22')).password_hash).toBe(BCRYPT_2Y);
    });

    it('a customer imported without a password cannot log in', async () => {
      await importRows([row(23, { email: 'nopassword@example.com', password: '' })]);
      expect((await customer('DE--23')).password_hash).toBeNull();
      await expect(customers.authenticate('nopassword@example.com', '')).rejects.toBeInstanceOf(AuthenticationFailedError);
      await expect(customers.authenticate('nopassword@example.com', PASSWORD)).rejects.toBeInstanceOf(AuthenticationFailedError);
    });
  });
});
