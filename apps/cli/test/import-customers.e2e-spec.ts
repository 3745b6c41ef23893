import * as bcrypt from 'bcryptjs';
import { runCli } from '../../../test/support/cli';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CustomerFacade } from '@patron/customer';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { doc, JSON_API, startStack, TestStack } from '../../../test/support/stack';
import { ImportFileError, importCustomersFromFile } from '../src/commands/import-customers.command';

/**
 * The customer CSV importer end to end: CSV files written here, read by the CLI's reader into the real database,
 * then used through the storefront API; and the built CLI (`node bin/run.js cli import:customers`) as a process.
 */

const HEADER = 'customer_reference,locale_name,phone,email,salutation,first_name,last_name,company,gender,date_of_birth,password,registered';
const COLUMNS = HEADER.split(',');
const PASSWORD = 'change123';
/** A real PHP-style bcrypt hash ($2y$), as Spryker exports them. */
const BCRYPT_2Y = bcrypt.hashSync(PASSWORD, 10).replace(/^\$2b\$/, '$2y$');
const NEW_PASSWORD = 'Correct-Horse7!';
const FAILED_LOGIN = { errors: [{ code: '003', status: 401, detail: 'Failed to authenticate user.' }] };

const dir = mkdtempSync(join(tmpdir(), 'patron-import-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

type Fields = Record<string, string>;

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csvLine = (fields: Fields, columns: string[] = COLUMNS): string => columns.map((c) => csvField(fields[c] ?? '')).join(',');

/** A valid, confirmed customer DE--n. */
const customer = (n: number, fields: Fields = {}): Fields => ({
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

/** Writes a CSV file (the header, then one line per entry; strings are written as they are). */
const writeCsv = (lines: (Fields | string)[], options: { header?: string; eol?: string; bom?: boolean } = {}): string => {
  const file = join(dir, `customers-${++files}.csv`);
  const eol = options.eol ?? '\n';
  const text = [options.header ?? HEADER, ...lines.map((l) => (typeof l === 'string' ? l : csvLine(l)))].join(eol) + eol;
  writeFileSync(file, (options.bom ? '\ufeff' : '') + text);
  return file;
};

describe('imported customers in the storefront (CSV file read by the CLI reader, real PostgreSQL)', () => {
  let stack: TestStack;
  const importFile = (file: string, skipInvalid = false) => importCustomersFromFile(stack.app.get(CustomerFacade), file, skipInvalid);
  const logIn = (username: string, password: string) =>
    stack.http().post('/access-tokens').set('Content-Type', JSON_API).send(doc('access-tokens', { username, password }));
  const register = (email: string) =>
    stack
      .http()
      .post('/customers')
      .set('Content-Type', JSON_API)
      .send(
        doc('customers', {
          salutation: 'Ms',
          firstName: 'Ada',
          lastName: 'Lovelace',
          email,
          gender: 'Female',
          password: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
          acceptedTerms: true,
        }),
      );
  const hashOf = async (reference: string): Promise<string | null> => {
    const rows = await stack.sql<{ password_hash: string | null }>('select password_hash from customer where customer_reference = ?', [reference]);
    expect(rows).toHaveLength(1);
    return rows[0].password_hash;
  };
  const customerCount = async () => Number((await stack.sql<{ n: string }>('select count(*) as n from customer'))[0].n);

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack?.close());
  beforeEach(async () => {
    await stack.sql('truncate customer, outbox_message, customer_refresh_token restart identity cascade');
    await stack.sql('alter sequence customer_reference_seq restart with 1');
  });

  it('an imported customer logs in with the kept bcrypt hash through POST /access-tokens, which then becomes argon2id', async () => {
    const file = writeCsv([
      customer(21, {
        email: 'Sonia@Example.com',
        salutation: 'Ms',
        first_name: 'Sonia',
        last_name: 'Wagner',
        gender: 'Female',
        date_of_birth: '1985-02-28',
        phone: '+49 30 555',
      }),
    ]);
    expect(await importFile(file)).toEqual({ rows: 1, created: 1, updated: 0, skipped: 0, problems: [], unconfirmed: 0, imported: true });
    expect(await hashOf('DE--21')).toBe(BCRYPT_2Y);

    const wrong = await logIn('sonia@example.com', 'change124');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(FAILED_LOGIN);
    expect(await hashOf('DE--21')).toBe(BCRYPT_2Y);

    const login = await logIn('SONIA@example.com', PASSWORD);
    expect(login.status).toBe(201);
    expect(login.body.data.attributes).toEqual({
      tokenType: 'Bearer',
      expiresIn: 28800,
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      refreshTokenExpiresIn: 2592000,
    });
    const upgraded = await hashOf('DE--21');
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$/);

    const profile = await stack.http().get('/customers/DE--21').set('Authorization', `Bearer ${login.body.data.attributes.accessToken}`);
    expect(profile.status).toBe(200);
    expect(profile.body.data).toMatchObject({
      type: 'customers',
      id: 'DE--21',
      attributes: {
        salutation: 'Ms',
        firstName: 'Sonia',
        lastName: 'Wagner',
        email: 'Sonia@Example.com',
        gender: 'Female',
        dateOfBirth: '1985-02-28',
        phone: '+49 30 555',
        locale: 'de_DE',
      },
    });

    // The argon2id hash accepts the same password again, and the old hash is gone for good.
    expect((await logIn('sonia@example.com', PASSWORD)).status).toBe(201);
    expect((await logIn('sonia@example.com', 'change124')).status).toBe(401);
    expect(await hashOf('DE--21')).toBe(upgraded);
  });

  it('an unconfirmed imported customer (empty registered) cannot log in while double opt-in is on, until re-imported as registered', async () => {
    const pending = writeCsv([customer(30, { email: 'pending@example.com', registered: '' })]);
    expect(await importFile(pending)).toMatchObject({ created: 1, imported: true });

    const refused = await logIn('pending@example.com', PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(FAILED_LOGIN);
    expect(await hashOf('DE--30')).toBe(BCRYPT_2Y);

    const registered = writeCsv([customer(30, { email: 'pending@example.com', registered: '2020-05-05' })]);
    expect(await importFile(registered)).toMatchObject({ created: 0, updated: 1, imported: true });
    expect((await logIn('pending@example.com', PASSWORD)).status).toBe(201);
  });

  it('registrations through POST /customers continue after the highest imported reference, and a lower one does not move it back', async () => {
    expect(await importFile(writeCsv([customer(3), customer(21), customer(7)]))).toMatchObject({ created: 3, imported: true });

    const first = await register('ada.one@example.com');
    expect(first.status).toBe(201);
    expect(first.body.data.id).toBe('DE--22');

    expect(await importFile(writeCsv([customer(5), customer(21)]))).toMatchObject({ created: 1, updated: 1, imported: true });
    const second = await register('ada.two@example.com');
    expect(second.status).toBe(201);
    expect(second.body.data.id).toBe('DE--23');

    // An imported customer's email is taken for registrations (any case).
    const taken = await register('CUSTOMER21@example.com');
    expect(taken.status).toBe(422);
    expect(taken.body.errors[0]).toMatchObject({ status: 422, code: '400' });

    const references = await stack.sql<{ customer_reference: string }>('select customer_reference from customer order by id');
    expect(references.map((r) => r.customer_reference)).toEqual(['DE--3', 'DE--21', 'DE--7', 'DE--22', 'DE--5', 'DE--23']);
  });

  it('reads the file as written: BOM, CRLF, columns in any order, quoted fields, blank lines, file line numbers in reports', async () => {
    const reordered = ['email', ...COLUMNS.filter((c) => c !== 'email')];
    const file = writeCsv(
      [
        csvLine(customer(1, { company: 'Müller, Meier & "Partner"', first_name: 'Jörg' }), reordered),
        csvLine(customer(2, { email: 'broken' }), reordered),
        '',
        csvLine(customer(3, { salutation: 'Sir' }), reordered),
        csvLine(customer(4), reordered),
        csvLine(customer(5, { email: 'CUSTOMER4@example.com' }), reordered),
      ],
      { header: reordered.join(','), eol: '\r\n', bom: true },
    );

    const summary = await importFile(file, true);

    expect(summary).toEqual({
      rows: 5,
      created: 2,
      updated: 0,
      skipped: 3,
      unconfirmed: 0,
      imported: true,
      problems: [
        { line: 3, reference: 'DE--2', reason: 'invalid email "broken"' },
        { line: 5, reference: 'DE--3', reason: 'unknown salutation "Sir" (expected Mr, Mrs, Ms, Dr)' },
        { line: 7, reference: 'DE--5', reason: 'duplicate email "CUSTOMER4@example.com" (already on line 6)' },
      ],
    });
    const rows = await stack.sql<Record<string, string>>(
      'select customer_reference, email, first_name, company, registered_at is not null as confirmed from customer order by customer_reference',
    );
    expect(rows).toEqual([
      { customer_reference: 'DE--1', email: 'customer1@example.com', first_name: 'Jörg', company: 'Müller, Meier & "Partner"', confirmed: true },
      { customer_reference: 'DE--4', email: 'customer4@example.com', first_name: 'First4', company: 'Company 4', confirmed: true },
    ]);
  });

  it('without skip-invalid a file with one bad row imports nothing', async () => {
    expect(await importFile(writeCsv([customer(1)]))).toMatchObject({ created: 1, imported: true });
    const before = await stack.sql('select * from customer order by id');

    const summary = await importFile(writeCsv([customer(1, { first_name: 'Changed' }), customer(2), customer(3, { date_of_birth: '1990-13-01' })]));

    expect(summary).toEqual({
      rows: 3,
      created: 0,
      updated: 0,
      skipped: 0,
      unconfirmed: 0,
      imported: false,
      problems: [{ line: 4, reference: 'DE--3', reason: 'invalid date_of_birth "1990-13-01" (expected YYYY-MM-DD)' }],
    });
    expect(await stack.sql('select * from customer order by id')).toEqual(before);
    expect((await register('after.failed.import@example.com')).body.data.id).toBe('DE--2');
  });

  it('a file with a wrong header fails with a clear message and imports nothing', async () => {
    const renamed = writeCsv([customer(1)], { header: HEADER.replace(',email,', ',mail,') });
    await expect(importFile(renamed)).rejects.toThrow(ImportFileError);
    await expect(importFile(renamed)).rejects.toThrow(`The header lacks the column(s) email; expected ${HEADER}`);

    const short = writeCsv(['DE--1,de_DE,,a@example.com'], { header: 'customer_reference,locale_name,phone,email' });
    await expect(importFile(short)).rejects.toThrow(
      `The header lacks the column(s) salutation, first_name, last_name, company, gender, date_of_birth, password, registered; expected ${HEADER}`,
    );

    // A file without a header: its first customer is taken for the header, which lacks every column.
    const headless = join(dir, 'headless.csv');
    writeFileSync(headless, `${csvLine(customer(1))}\n${csvLine(customer(2))}\n`);
    await expect(importFile(headless)).rejects.toThrow(/^The header lacks the column\(s\) customer_reference, locale_name, /);

    expect(await customerCount()).toBe(0);
  });

  it('refuses a row with fewer columns than the header: its missing values do not clear fields of an existing customer', async () => {
    // Columns in an order where a cut-off row lacks last_name, gender and phone.
    const order = ['customer_reference', 'email', 'salutation', 'first_name', 'locale_name', 'company', 'date_of_birth', 'password', 'registered', 'last_name', 'gender', 'phone'];
    const header = { header: order.join(',') };
    expect(await importFile(writeCsv([csvLine(customer(1), order)], header))).toMatchObject({ created: 1, imported: true });
    const before = await stack.sql('select * from customer order by id');
    const cutOff = csvLine(customer(1, { first_name: 'Changed' }), order.slice(0, 9));

    expect(await importFile(writeCsv([cutOff, csvLine(customer(2), order)], header))).toEqual({
      rows: 2,
      created: 0,
      updated: 0,
      skipped: 0,
      unconfirmed: 0,
      imported: false,
      problems: [{ line: 2, reference: 'DE--1', reason: 'has 9 columns, the header has 12' }],
    });
    expect(await stack.sql('select * from customer order by id')).toEqual(before);

    const skipped = await importFile(writeCsv([cutOff, csvLine(customer(2), order)], header), true);
    expect(skipped).toMatchObject({ rows: 2, created: 1, updated: 0, skipped: 1, imported: true });
    expect(skipped.problems).toEqual([{ line: 2, reference: 'DE--1', reason: 'has 9 columns, the header has 12' }]);
    const rows = await stack.sql<Record<string, string>>('select customer_reference, first_name, last_name, gender, phone from customer order by id');
    expect(rows).toEqual([
      { customer_reference: 'DE--1', first_name: 'First1', last_name: 'Last1', gender: 'Male', phone: '+49 30 1001' },
      { customer_reference: 'DE--2', first_name: 'First2', last_name: 'Last2', gender: 'Male', phone: '+49 30 1002' },
    ]);
  });

  it('refuses a row with more columns than the header (an unquoted comma) as such, not as a shifted field', async () => {
    const unquoted = COLUMNS.map((c) => (c === 'company' ? 'ACME, Inc.' : csvField(customer(2)[c]))).join(',');
    const summary = await importFile(writeCsv([customer(1), unquoted, customer(3, { company: 'ACME, Inc.' })]), true);
    expect(summary).toMatchObject({ rows: 3, created: 2, skipped: 1, imported: true });
    expect(summary.problems).toEqual([
      { line: 3, reference: 'DE--2', reason: 'has 13 columns, the header has 12 (a value with a comma must be in double quotes)' },
    ]);
    const rows = await stack.sql<Record<string, string>>('select customer_reference, company, gender from customer order by id');
    expect(rows).toEqual([
      { customer_reference: 'DE--1', company: 'Company 1', gender: 'Male' },
      { customer_reference: 'DE--3', company: 'ACME, Inc.', gender: 'Male' },
    ]);
  });

  it('a missing file, a directory and malformed CSV fail with a clear message and import nothing', async () => {
    const missing = join(dir, 'does-not-exist.csv');
    await expect(importFile(missing)).rejects.toThrow(new ImportFileError(`File not found: ${missing}`));
    await expect(importFile(dir)).rejects.toThrow(new ImportFileError(`Not a file: ${dir} is a directory`));
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await expect(importFile(empty)).rejects.toThrow(/^The file is empty; expected the header customer_reference,locale_name,/);

    // More than one batch (5000 rows) of valid customers before the broken line: they are rolled back too.
    const valid = Array.from({ length: 5200 }, (_, i) => customer(i + 1));
    const malformed = writeCsv([...valid, `DE--9999,de_DE,,"unclosed@example.com,Mr,A,B,,Male,,,`]);
    const error = await importFile(malformed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/^Malformed CSV: /);
    expect(await customerCount()).toBe(0);
  });
});

describe('imported customers with double opt-in off', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { DOUBLE_OPT_IN: 'false' } });
  });
  afterAll(() => stack?.close());

  it('an unconfirmed imported customer can log in', async () => {
    const file = writeCsv([customer(40, { email: 'unconfirmed@example.com', registered: '' })]);
    expect(await importCustomersFromFile(stack.app.get(CustomerFacade), file, false)).toMatchObject({ created: 1, imported: true });
    const login = await stack.http().post('/access-tokens').send(doc('access-tokens', { username: 'unconfirmed@example.com', password: PASSWORD }));
    expect(login.status).toBe(201);
  });
});

describe('patron cli import:customers (the built CLI)', () => {
  let db: TestDatabase;
  let pg: Client;
  const dataDir = mkdtempSync(join(tmpdir(), 'patron-cli-data-'));

  const env = () => ({ DATABASE_URL: db.url, MIGRATE_ON_START: 'true', DATA_DIR: dataDir });
  const cli = (...args: string[]) => runCli(['import:customers', ...args], env());
  const rows = async () =>
    (
      await pg.query(`select customer_reference, email, salutation, first_name, last_name, gender, date_of_birth::text as date_of_birth,
        phone, company, locale, password_hash, registered_at from customer order by customer_reference`)
    ).rows;
  const sequence = async () => (await pg.query('select last_value::text as last_value, is_called from customer_reference_seq')).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  }, 240_000);

  afterAll(async () => {
    await pg?.end();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await pg.query('truncate customer, outbox_message, customer_refresh_token restart identity cascade');
    await pg.query('alter sequence customer_reference_seq restart with 1');
  });

  it('imports a valid file, prints the summary and exits 0; a second run updates', async () => {
    const file = writeCsv([
      customer(21, { email: 'Sonia@Example.com', salutation: 'Ms', gender: 'Female', first_name: 'Sonia', company: 'Spryker, Inc.' }),
      customer(22, { registered: '', password: '', locale_name: '', phone: '', company: '', date_of_birth: '' }),
    ]);

    const first = await cli(file);

    expect(first).toEqual({
      code: 0,
      stdout: [
        `Imported 2 of 2 row(s) from ${file}: 2 created, 0 updated, 0 skipped.`,
        '1 customer(s) have no registration date: they are unconfirmed and must reset their password (or confirm) before they can log in while DOUBLE_OPT_IN is on.',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(await rows()).toEqual([
      {
        customer_reference: 'DE--21',
        email: 'Sonia@Example.com',
        salutation: 'Ms',
        first_name: 'Sonia',
        last_name: 'Last21',
        gender: 'Female',
        date_of_birth: '1980-01-01',
        phone: '+49 30 1021',
        company: 'Spryker, Inc.',
        locale: 'de_DE',
        password_hash: BCRYPT_2Y,
        registered_at: new Date('2017-01-20T00:00:00.000Z'),
      },
      {
        customer_reference: 'DE--22',
        email: 'customer22@example.com',
        salutation: 'Mr',
        first_name: 'First22',
        last_name: 'Last22',
        gender: 'Male',
        date_of_birth: null,
        phone: null,
        company: null,
        locale: 'en_US',
        password_hash: null,
        registered_at: null,
      },
    ]);
    expect(await sequence()).toEqual({ last_value: '22', is_called: true });

    const again = writeCsv([customer(22, { first_name: 'Updated' }), customer(23)]);
    const second = await cli(again);
    expect(second).toEqual({ code: 0, stdout: `Imported 2 of 2 row(s) from ${again}: 1 created, 1 updated, 0 skipped.\n`, stderr: '' });
    expect((await rows()).map((r) => [r.customer_reference, r.first_name])).toEqual([
      ['DE--21', 'Sonia'],
      ['DE--22', 'Updated'],
      ['DE--23', 'First23'],
    ]);
    expect(await sequence()).toEqual({ last_value: '23', is_called: true });
  });

  it('says how many imported customers are unconfirmed only when there are some and double opt-in is on', async () => {
    const file = writeCsv([customer(1, { registered: '' }), customer(2), customer(3, { registered: '' }), customer(4, { gender: 'X', registered: '' })]);
    const result = await cli(file, '--skip-invalid');
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `Imported 3 of 4 row(s) from ${file}: 3 created, 0 updated, 1 skipped.`,
        '2 customer(s) have no registration date: they are unconfirmed and must reset their password (or confirm) before they can log in while DOUBLE_OPT_IN is on.',
        'Skipped rows:',
        '  line 5 (DE--4): unknown gender "X" (expected Male, Female)',
        '',
      ].join('\n'),
    });

    // Re-imported as registered: confirmed, nothing to say.
    const registered = writeCsv([customer(1), customer(3)]);
    expect(await cli(registered)).toEqual({ code: 0, stderr: '', stdout: `Imported 2 of 2 row(s) from ${registered}: 0 created, 2 updated, 0 skipped.\n` });

    // Without double opt-in unconfirmed customers can log in.
    const off = writeCsv([customer(5, { registered: '' })]);
    expect(await runCli(['import:customers', off], { ...env(), DOUBLE_OPT_IN: 'false' })).toEqual({
      code: 0,
      stderr: '',
      stdout: `Imported 1 of 1 row(s) from ${off}: 1 created, 0 updated, 0 skipped.\n`,
    });
  });

  it('exits 1 with "Nothing imported" and the bad rows when a row is invalid, and leaves the database unchanged', async () => {
    const existing = writeCsv([customer(1, { email: 'taken@example.com' })]);
    expect((await cli(existing)).code).toBe(0);
    const before = { customers: await rows(), sequence: await sequence() };

    const file = writeCsv([customer(31), customer(32, { email: 'nope' }), customer(33), customer(34, { gender: 'X' }), customer(35, { email: 'TAKEN@example.com' })]);
    const result = await cli(file);

    expect(result).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `Nothing imported from ${file}: 3 of 5 row(s) are invalid (use --skip-invalid to import the others):`,
        '  line 3 (DE--32): invalid email "nope"',
        '  line 5 (DE--34): unknown gender "X" (expected Male, Female)',
        '  line 6 (DE--35): duplicate email "TAKEN@example.com" (used by customer DE--1)',
        '',
      ].join('\n'),
    });
    expect({ customers: await rows(), sequence: await sequence() }).toEqual(before);
  });

  it('with --skip-invalid imports the valid rows, lists the skipped ones and exits 0', async () => {
    const file = writeCsv([
      customer(31),
      customer(32, { email: 'nope' }),
      customer(33),
      customer(34, { gender: 'X' }),
      // Values PostgreSQL cannot store are bad rows too, not an SQL error that aborts the whole file.
      customer(35, { customer_reference: 'DE--99999999999999999999', email: 'huge@example.com' }),
      customer(36, { date_of_birth: '0000-01-01' }),
    ]);
    const result = await cli(file, '--skip-invalid');

    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `Imported 2 of 6 row(s) from ${file}: 2 created, 0 updated, 4 skipped.`,
        'Skipped rows:',
        '  line 3 (DE--32): invalid email "nope"',
        '  line 5 (DE--34): unknown gender "X" (expected Male, Female)',
        '  line 6 (DE--99999999999999999999): customer_reference "DE--99999999999999999999" ends in a number too large (at most 9223372036854775807)',
        '  line 7 (DE--36): invalid date_of_birth "0000-01-01" (expected YYYY-MM-DD)',
        '',
      ].join('\n'),
    });
    expect((await rows()).map((r) => r.customer_reference)).toEqual(['DE--31', 'DE--33']);
    expect(await sequence()).toEqual({ last_value: '33', is_called: true });
  });

  it('exits 1 and names the line of a row with more or fewer columns than the header, and of a value over the storefront limits', async () => {
    const short = csvLine(customer(2), COLUMNS.slice(0, 11));
    const unquoted = COLUMNS.map((c) => (c === 'company' ? 'ACME, Inc.' : csvField(customer(3)[c]))).join(',');
    const longEmail = `${'a'.repeat(60)}@${'b'.repeat(51)}.example.com`;
    const file = writeCsv([customer(1), short, unquoted, customer(4, { email: longEmail }), customer(5, { first_name: 'N'.repeat(300) })]);

    const result = await cli(file);

    expect(result).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `Nothing imported from ${file}: 4 of 5 row(s) are invalid (use --skip-invalid to import the others):`,
        '  line 3 (DE--2): has 11 columns, the header has 12',
        '  line 4 (DE--3): has 13 columns, the header has 12 (a value with a comma must be in double quotes)',
        '  line 5 (DE--4): email has 124 characters (at most 100)',
        '  line 6 (DE--5): first_name has 300 characters (at most 100)',
        '',
      ].join('\n'),
    });
    expect(await rows()).toEqual([]);
  });

  it('fails with a clear message and imports nothing for a wrong header, a missing file or a directory', async () => {
    const file = writeCsv([customer(1)], { header: HEADER.replace('gender', 'sex') });
    const wrongHeader = await cli(file);
    expect(wrongHeader).toEqual({ code: 2, stdout: '', stderr: `The header lacks the column(s) gender; expected ${HEADER}\n` });

    const missing = join(dir, 'missing.csv');
    const notFound = await cli(missing);
    expect(notFound).toEqual({ code: 2, stdout: '', stderr: `File not found: ${missing}\n` });

    const directory = await cli(dir);
    expect(directory).toEqual({ code: 2, stdout: '', stderr: `Not a file: ${dir} is a directory\n` });

    expect(await rows()).toEqual([]);
  });

  it('refuses to run without a file argument', async () => {
    const result = await cli();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("missing required argument 'file'");
    expect(await rows()).toEqual([]);
  });
});
