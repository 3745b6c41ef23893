import { CustomerFacade } from '@patron/customer';
import { CustomerGroupFacade } from '@patron/customer-group';
import { UserFacade } from '@patron/user';
import { startStack, TestStack } from '../../../test/support/stack';

const PASSWORD = 'Staff-Password-9!';

describe('/api/customers search and view', () => {
  let stack: TestStack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true, env: { DOUBLE_OPT_IN: 'false' } });
    await stack.app.get(UserFacade).create({ email: 'agent@shop.test', name: 'Agent', role: 'agent', password: PASSWORD });
    token = (await stack.backofficeHttp().post('/api/auth/login').send({ email: 'agent@shop.test', password: PASSWORD })).body.accessToken;
    const customers = stack.app.get(CustomerFacade);
    const people = [['Zoë', 'Müller', 'zoe@example.com'], ['Adam', 'Smith', 'adam@example.com'], ['Berta', 'Schmidt', 'berta@shop.de'],
      ['Carl', 'Smithers', 'carl@example.com'], ['Dora', 'Adams', 'dora@example.org']];
    for (const [firstName, lastName, email] of people) {
      await customers.register({ firstName, lastName, email, password: 'Correct-Horse7!', locale: email.endsWith('.de') ? 'de_DE' : 'en_US' });
    }
    const gone = await customers.register({ firstName: 'Gone', lastName: 'Smith', email: 'gone@example.com', password: 'Correct-Horse7!' });
    await customers.anonymize(gone.reference);
  });
  afterAll(() => stack.close());

  const search = (query: string) => stack.backofficeHttp().get(`/api/customers?${query}`).set('Authorization', `Bearer ${token}`);
  const names = (body: { data: { lastName: string }[] }) => body.data.map((c) => c.lastName);

  it('finds by substring of name, email or reference, ignoring case; never shows deleted customers', async () => {
    expect(names((await search('q=SMITH')).body).sort()).toEqual(['Smith', 'Smithers']);
    expect(names((await search('q=shop.de')).body)).toEqual(['Schmidt']);
    const references = async (q: string) => (await search(`q=${q}`)).body.data.map((c: { reference: string }) => c.reference);
    expect(await references('DE--1')).toEqual(['DE--1']);
    expect(await references('de--')).toEqual(['DE--1', 'DE--2', 'DE--3', 'DE--4', 'DE--5']);
    expect(await references('--2')).toEqual(['DE--2']);
    expect((await search('q=gone')).body).toMatchObject({ data: [], total: 0, totalIsEstimate: false });
  });

  it('ignores accents on both sides, across first and last name, and treats % and _ as text', async () => {
    expect(names((await search('q=muller')).body)).toEqual(['Müller']);
    expect(names((await search(`q=${encodeURIComponent('ZOË M')}`)).body)).toEqual(['Müller']);
    expect(names((await search(`q=${encodeURIComponent('zoe mü')}`)).body)).toEqual(['Müller']);
    expect((await search('q=100%25')).body.data).toEqual([]);
    expect((await search('q=_')).body.data).toEqual([]);
  });

  it('filters by locale and group, and sorts by last name both ways', async () => {
    expect(names((await search('locale=de_DE')).body)).toEqual(['Schmidt']);
    const group = await stack.app.get(CustomerGroupFacade).create({ name: 'Searchers' });
    await stack.app.get(CustomerGroupFacade).assign(group.id, ['DE--1', 'DE--4']);
    expect(names((await search(`groupId=${group.id}&sort=lastName`)).body)).toEqual(['Müller', 'Smithers']);
    expect(names((await search('sort=lastName')).body)).toEqual(['Adams', 'Müller', 'Schmidt', 'Smith', 'Smithers']);
    expect(names((await search('sort=lastName&direction=desc')).body)).toEqual(['Smithers', 'Smith', 'Schmidt', 'Müller', 'Adams']);
  });

  it('pages with a keyset cursor that stays stable while customers are added', async () => {
    const first = await search('sort=lastName&limit=2');
    expect(names(first.body)).toEqual(['Adams', 'Müller']);
    expect(first.body.total).toBe(5);
    await stack.app.get(CustomerFacade).register({ firstName: 'Aaron', lastName: 'Aal', email: 'aal@example.com', password: 'Correct-Horse7!' });
    const second = await search(`sort=lastName&limit=2&after=${first.body.next}`);
    expect(names(second.body)).toEqual(['Schmidt', 'Smith']);
    const third = await search(`sort=lastName&limit=2&after=${second.body.next}`);
    expect(names(third.body)).toEqual(['Smithers']);
    expect(third.body.next).toBeNull();
    const bad = await search('after=garbage');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'after', message: 'is not a cursor from a previous page' }]);
    expect((await search('sort=age')).status).toBe(422);
  });

  it('answers 422 on after, never a 500, for a cursor that was tampered with or belongs to another sort order', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const byCreatedAt = (await search('sort=createdAt&limit=1')).body.next;
    // Per sort order: a value of the right type, and values of a type its column cannot be compared with.
    const values: Record<string, [unknown, unknown[]]> = {
      id: ['1', ['x', true, '2020-01-01', 1.5, -1]],
      createdAt: ['2024-01-01T00:00:00.000Z', ['x', 1, true, '2020-13-45T00:00:00Z', '-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z']],
      email: ['a@example.com', [1, true]],
      lastName: ['smith', [1, false]],
      firstName: ['adam', [1, true]],
      status: [true, ['x', 1]],
    };
    for (const [sort, [valid, wrongTypes]] of Object.entries(values)) {
      const tampered = [...wrongTypes.map((value) => [value, 1]), [{ a: 1 }, 1], [[1, 2], 1], [null, 1], [valid, 1e20], [valid, -5], [valid, 1.5], [valid, '1'], [valid], [valid, 1, 2], { 0: valid, 1: 1 }, 'abc'];
      for (const value of tampered) {
        const answer = await search(`sort=${sort}&after=${cursor(value)}`);
        expect({ sort, value, status: answer.status }).toEqual({ sort, value, status: 422 });
        expect(answer.body.errors).toEqual([{ field: 'after', message: 'is not a cursor from a previous page' }]);
      }
      expect((await search(`sort=${sort}&after=${cursor([valid, 1])}`)).status).toBe(200);
    }
    expect((await search('after=%E2%9C%93')).status).toBe(422);
    expect((await search(`sort=createdAt&after=${byCreatedAt}`)).status).toBe(200);
    expect((await search(`sort=status&after=${(await search('sort=status&limit=1')).body.next}`)).status).toBe(200);
    expect((await search(`sort=id&after=${(await search('sort=id&limit=1')).body.next}`)).status).toBe(200);
  });

  it('answers 422 naming the field for dates PostgreSQL cannot compare with', async () => {
    for (const [field, value] of [['createdFrom', '-000001-01-01'], ['createdFrom', '275760-09-13'], ['createdTo', '0000-01-01'], ['createdTo', 'yesterday'], ['createdFrom', '1']]) {
      const answer = await search(`${field}=${encodeURIComponent(value)}`);
      expect({ value, status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ value, status: 422, fields: [field] });
    }
    expect((await search('createdFrom=2020-01-01&createdTo=2999-12-31T23:59:59Z')).body.total).toBe(6);
  });

  it('counts a substring search exactly, with and without other filters', async () => {
    expect((await search('q=smith')).body).toMatchObject({ total: 2, totalIsEstimate: false });
    expect((await search('q=smith&locale=en_US')).body).toMatchObject({ total: 2, totalIsEstimate: false });
    expect((await search('q=smith&locale=de_DE')).body).toMatchObject({ total: 0, totalIsEstimate: false });
    expect((await search('q=a')).body).toMatchObject({ total: 6, totalIsEstimate: false });
  });

  it('exports the current search as CSV, across all pages', async () => {
    const response = await stack.backofficeHttp().get('/api/customers/export.csv?q=smith&sort=lastName').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.text.trim().split('\n');
    expect(lines[0]).toBe('reference,email,salutation,firstName,lastName,gender,dateOfBirth,phone,company,locale,registeredAt,createdAt');
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['Smith', 'Smithers']);
    const all = await stack.backofficeHttp().get('/api/customers/export.csv').set('Authorization', `Bearer ${token}`);
    expect(all.text.trim().split('\n')).toHaveLength(1 + 6);
    const bad = await stack.backofficeHttp().get('/api/customers/export.csv?createdFrom=soon').set('Authorization', `Bearer ${token}`);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'createdFrom' })]);
  });

  it('exports values a spreadsheet would run as formulas as plain text', async () => {
    // A shopper chooses their own name and company in the storefront; staff open the export in a spreadsheet.
    const customers = stack.app.get(CustomerFacade);
    const evil = await customers.register({ firstName: '=HYPERLINK("http://evil.test","x")', lastName: '+SUM(1+1)', email: 'formula@example.com', password: 'Correct-Horse7!', company: '@cmd', phone: '-1+2' });
    try {
      const response = await stack.backofficeHttp().get('/api/customers/export.csv?q=formula').set('Authorization', `Bearer ${token}`);
      const [, row] = response.text.trim().split('\n');
      expect(row).toBe(`${evil.reference},formula@example.com,,"'=HYPERLINK(""http://evil.test"",""x"")",'+SUM(1+1),,,'-1+2,'@cmd,en_US,${row.split(',').slice(-2).join(',')}`);
    } finally {
      await customers.anonymize(evil.reference);
    }
  });

  it('shows one customer with addresses, groups, notes and orders; 404 for unknown or deleted ones', async () => {
    const view = await stack.backofficeHttp().get('/api/customers/DE--1').set('Authorization', `Bearer ${token}`);
    expect(view.status).toBe(200);
    expect(view.body.data).toMatchObject({ reference: 'DE--1', lastName: 'Müller', addresses: [], notes: [], latestOrders: [], orderCount: 0 });
    expect(view.body.data.groups.map((g: { name: string }) => g.name)).toEqual(['Searchers']);
    expect((await stack.backofficeHttp().get('/api/customers/DE--6').set('Authorization', `Bearer ${token}`)).status).toBe(404);
    expect((await stack.backofficeHttp().get('/api/customers').set('Authorization', 'Bearer nope')).status).toBe(401);
  });
});
