import { UserFacade } from '@patron/user';
import { startStack, TestStack } from '../../../test/support/stack';
import { bearer, registerShopper } from '../../storefront-api/test/storefront.helpers';

const PASSWORD = 'Staff-Password-9!';

describe('/api/customer-groups', () => {
  let stack: TestStack;
  let admin: string;
  let agent: string;
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true });
    const users = stack.app.get(UserFacade);
    await users.create({ email: 'admin@shop.test', name: 'Admin', role: 'admin', password: PASSWORD });
    await users.create({ email: 'agent@shop.test', name: 'Agent', role: 'agent', password: PASSWORD });
    const token = async (email: string) => (await stack.backofficeHttp().post('/api/auth/login').send({ email, password: PASSWORD })).body.accessToken;
    admin = await token('admin@shop.test');
    agent = await token('agent@shop.test');
  });
  afterAll(() => stack.close());

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('creates groups with names unique ignoring case, validates them, and lets only admins write', async () => {
    const created = await stack.backofficeHttp().post('/api/customer-groups').set(as(admin)).send({ name: 'VIP', description: 'Best customers' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'VIP', description: 'Best customers', memberCount: 0 });
    const duplicate = await stack.backofficeHttp().post('/api/customer-groups').set(as(admin)).send({ name: 'vip' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'name', message: 'A customer group with this name already exists' }]);
    const invalid = await stack.backofficeHttp().post('/api/customer-groups').set(as(admin)).send({ name: 'x'.repeat(71), description: 'y'.repeat(256) });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['description', 'name']);
    expect((await stack.backofficeHttp().post('/api/customer-groups').set(as(agent)).send({ name: 'Agents' })).status).toBe(403);
    expect((await stack.backofficeHttp().get('/api/customer-groups').set(as(agent))).body.data.map((g: { name: string }) => g.name)).toContain('VIP');
    expect((await stack.backofficeHttp().get('/api/customer-groups/999999').set(as(agent))).status).toBe(404);
    expect((await stack.backofficeHttp().get('/api/customer-groups/abc').set(as(agent))).status).toBe(404);
    expect((await stack.backofficeHttp().get('/api/customer-groups/99999999999999999999').set(as(agent))).status).toBe(404);
    expect((await stack.backofficeHttp().patch('/api/customer-groups/9223372036854775808').set(as(admin)).send({ name: 'X' })).status).toBe(404);
  });

  it('assigns and unassigns customers in bulk; a deleted customer leaves every group', async () => {
    const group = (await stack.backofficeHttp().post('/api/customer-groups').set(as(admin)).send({ name: 'Newsletter' })).body.data;
    const other = (await stack.backofficeHttp().post('/api/customer-groups').set(as(admin)).send({ name: 'Wholesale' })).body.data;
    const [a, b] = [await registerShopper(stack), await registerShopper(stack)];
    const assigned = await stack.backofficeHttp().post(`/api/customer-groups/${group.id}/members`).set(as(admin))
      .send({ customerReferences: [a.reference, b.reference, a.reference, 'DE--999999'] });
    expect(assigned.body.data).toEqual({ added: 2, unknown: ['DE--999999'] });
    await stack.backofficeHttp().post(`/api/customer-groups/${other.id}/members`).set(as(admin)).send({ customerReferences: [a.reference] });
    const view = await stack.backofficeHttp().get(`/api/customer-groups/${group.id}`).set(as(agent));
    expect(view.body.data).toMatchObject({ memberCount: 2, members: [a.reference, b.reference] });

    const removed = await stack.backofficeHttp().delete(`/api/customer-groups/${group.id}/members`).set(as(admin)).send({ customerReferences: [b.reference] });
    expect(removed.body.data).toEqual({ removed: 1 });

    expect((await stack.http().delete(`/customers/${a.reference}`).set(bearer(a.accessToken))).status).toBe(204);
    expect((await stack.backofficeHttp().get(`/api/customer-groups/${group.id}`).set(as(agent))).body.data.members).toEqual([]);
    expect((await stack.backofficeHttp().get(`/api/customer-groups/${other.id}`).set(as(agent))).body.data.members).toEqual([]);

    const bySearch = await stack.backofficeHttp().post(`/api/customer-groups/${other.id}/members`).set(as(admin)).send({ search: { q: b.email } });
    expect(bySearch.body.data).toEqual({ added: 1, unknown: [] });
    expect((await stack.backofficeHttp().get(`/api/customer-groups/${other.id}`).set(as(agent))).body.data.members).toEqual([b.reference]);

    expect((await stack.backofficeHttp().patch(`/api/customer-groups/${group.id}`).set(as(admin)).send({ name: 'Wholesale' })).status).toBe(409);
    expect((await stack.backofficeHttp().patch(`/api/customer-groups/${group.id}`).set(as(admin)).send({ name: 'News' })).body.data.name).toBe('News');
    expect((await stack.backofficeHttp().delete(`/api/customer-groups/${group.id}`).set(as(admin))).status).toBe(204);
    expect((await stack.backofficeHttp().delete(`/api/customer-groups/${group.id}`).set(as(admin))).status).toBe(404);
  });

  it('adds and removes every customer of a search, with all of the search\'s filters', async () => {
    const group = (await stack.backofficeHttp().post('/api/customer-groups').set(as(admin)).send({ name: 'Searched' })).body.data;
    const since = new Date().toISOString();
    const fresh = [await registerShopper(stack), await registerShopper(stack), await registerShopper(stack)];
    const members = async () => (await stack.backofficeHttp().get(`/api/customer-groups/${group.id}`).set(as(agent))).body.data.members.sort();
    const url = `/api/customer-groups/${group.id}/members`;

    const added = await stack.backofficeHttp().post(url).set(as(admin)).send({ search: { createdFrom: since } });
    expect(added.body.data).toEqual({ added: 3, unknown: [] });
    expect(await members()).toEqual(fresh.map((c) => c.reference).sort());

    const removed = await stack.backofficeHttp().delete(url).set(as(admin)).send({ search: { q: fresh[0].email } });
    expect(removed.body.data).toEqual({ removed: 1 });
    expect(await members()).toEqual([fresh[1].reference, fresh[2].reference].sort());
    const removedByGroup = await stack.backofficeHttp().delete(url).set(as(admin)).send({ search: { groupId: group.id } });
    expect(removedByGroup.body.data).toEqual({ removed: 2 });
    expect(await members()).toEqual([]);

    const invalid = await stack.backofficeHttp().post(url).set(as(admin)).send({ search: { createdFrom: 'last week', status: 'gone' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['search.createdFrom', 'search.status']);
    expect((await stack.backofficeHttp().delete(url).set(as(agent)).send({ search: {} })).status).toBe(403);
    expect((await stack.backofficeHttp().delete('/api/customer-groups/999999/members').set(as(admin)).send({ search: {} })).status).toBe(404);
    expect((await stack.backofficeHttp().post('/api/customer-groups/999999/members').set(as(admin)).send({ search: { q: 'nobody-matches-this' } })).status).toBe(404);
  });

  it('refuses a bulk change with an unknown filter or mixed fields with 422, changing nothing', async () => {
    const group = (await stack.backofficeHttp().post('/api/customer-groups').set(as(admin)).send({ name: 'Strict' })).body.data;
    const shopper = await registerShopper(stack);
    expect((await stack.backofficeHttp().post(`/api/customer-groups/${group.id}/members`).set(as(admin)).send({ customerReferences: [shopper.reference] })).status).toBe(200);
    const url = `/api/customer-groups/${group.id}/members`;
    const typo = await stack.backofficeHttp().delete(url).set(as(admin)).send({ search: { qq: 'nobody' } });
    expect([typo.status, typo.body.errors]).toEqual([422, [{ field: 'search.qq', message: 'is not a field this request takes' }]]);
    const mixed = await stack.backofficeHttp().post(url).set(as(admin)).send({ customerReferences: [shopper.reference], search: { q: 'x' } });
    expect([mixed.status, mixed.body.errors]).toEqual([422, [{ field: 'customerReferences', message: 'is not a field this request takes' }]]);
    expect((await stack.backofficeHttp().get(`/api/customer-groups/${group.id}`).set(as(admin))).body.data.memberCount).toBe(1);
    const created = await stack.backofficeHttp().post('/api/customers').set(as(admin)).send({ email: 'with.password@example.com', firstName: 'W', lastName: 'P', password: 'Analytical#Engine1' });
    expect([created.status, created.body.errors]).toEqual([422, [{ field: 'password', message: 'is not a field this request takes' }]]);
  });

  it('answers a method a path does not take with 405 and Allow in its error shape; unknown paths stay 404', async () => {
    const put = await stack.backofficeHttp().put('/api/customer-groups').set(as(admin)).send({ name: 'Put' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expect(put.body).toEqual({ statusCode: 405, error: 'Method Not Allowed', message: 'Method not allowed.' });
    expect((await stack.backofficeHttp().get('/api/customer-groups').set(as(admin))).body.data.map((g: { name: string }) => g.name)).not.toContain('Put');
    expect((await stack.backofficeHttp().put('/api/no-such-resource').set(as(admin)).send({})).status).toBe(404);
  });
});
