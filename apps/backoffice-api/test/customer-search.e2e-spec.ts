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

  it('exports the current search as CSV, across all pages', async () => {
    const response = await stack.backofficeHttp().get('/api/customers/export.csv?q=smith&sort=lastName').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.text.trim().split('\n');
    expect(lines[0]).toBe('reference,email,salutation,firstName,lastName,gender,dateOfBirth,phone,company,locale,registeredAt,createdAt');
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['Smith', 'Smithers']);
    const all = await stack.backofficeHttp().get('/api/customers/export.csv').set('Authorization', `Bearer ${token}`);
    expect(all.text.trim().split('\n')).toHaveLength(1 + 6);
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
