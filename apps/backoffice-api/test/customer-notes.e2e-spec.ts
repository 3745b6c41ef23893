import { UserFacade } from '@patron/user';
import { startStack, TestStack } from '../../../test/support/stack';
import { bearer, registerShopper } from '../../storefront-api/test/storefront.helpers';

const PASSWORD = 'Staff-Password-9!';

describe('customer notes', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true });
    const users = stack.app.get(UserFacade);
    for (const [key, role] of [['admin', 'admin'], ['alice', 'agent'], ['bob', 'agent']] as const) {
      ids[key] = (await users.create({ email: `${key}@shop.test`, name: `${key} original`, role, password: PASSWORD })).id;
      tokens[key] = (await stack.backofficeHttp().post('/api/auth/login').send({ email: `${key}@shop.test`, password: PASSWORD })).body.accessToken;
    }
  });
  afterAll(() => stack.close());

  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  it('adds notes with the author as they were, lists them newest first and never shows them to the customer', async () => {
    const shopper = await registerShopper(stack);
    const first = await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set(as('alice')).send({ text: 'Called about a late parcel.' });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ text: 'Called about a late parcel.', authorId: ids.alice, authorName: 'alice original', revisions: [] });
    await stack.app.get(UserFacade).rename(ids.alice, 'Alice Renamed');
    await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set(as('alice')).send({ text: 'Second call.' });
    const list = await stack.backofficeHttp().get(`/api/customers/${shopper.reference}/notes`).set(as('bob'));
    expect(list.body.data.map((n: { text: string; authorName: string }) => [n.text, n.authorName])).toEqual([
      ['Second call.', 'Alice Renamed'],
      ['Called about a late parcel.', 'alice original'],
    ]);
    const own = await stack.http().get(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken));
    expect(JSON.stringify(own.body)).not.toContain('parcel');
  });

  it('lets only the author or an admin edit or delete, keeping every edit', async () => {
    const shopper = await registerShopper(stack);
    const note = (await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set(as('alice')).send({ text: 'v1' })).body.data;
    expect((await stack.backofficeHttp().patch(`/api/notes/${note.id}`).set(as('bob')).send({ text: 'hijack' })).status).toBe(403);
    expect((await stack.backofficeHttp().delete(`/api/notes/${note.id}`).set(as('bob'))).status).toBe(403);
    expect((await stack.backofficeHttp().patch(`/api/notes/${note.id}`).set(as('alice')).send({ text: 'v2' })).status).toBe(200);
    const edited = await stack.backofficeHttp().patch(`/api/notes/${note.id}`).set(as('admin')).send({ text: 'v3' });
    expect(edited.body.data.text).toBe('v3');
    expect(edited.body.data.revisions.map((r: { text: string; editorId: number }) => [r.text, r.editorId])).toEqual([['v1', ids.alice], ['v2', ids.admin]]);
    expect((await stack.backofficeHttp().delete(`/api/notes/${note.id}`).set(as('admin'))).status).toBe(204);
    expect((await stack.backofficeHttp().patch(`/api/notes/${note.id}`).set(as('admin')).send({ text: 'v4' })).status).toBe(404);
  });

  it('validates the text and refuses unknown or deleted customers', async () => {
    const shopper = await registerShopper(stack);
    const blank = await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set(as('bob')).send({ text: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors).toEqual([{ field: 'text', message: 'must not be blank' }]);
    expect((await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set(as('bob')).send({ text: 'x'.repeat(5001) })).status).toBe(422);
    expect((await stack.backofficeHttp().post('/api/customers/DE--999999/notes').set(as('bob')).send({ text: 'hi' })).status).toBe(404);
    await stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken));
    expect((await stack.backofficeHttp().get(`/api/customers/${shopper.reference}/notes`).set(as('bob'))).status).toBe(404);
    for (const id of ['99999999999999999999', '9223372036854775808', '0', '-1', '1e3', 'abc']) {
      const answer = await stack.backofficeHttp().patch(`/api/notes/${id}`).set(as('bob')).send({ text: 'x' });
      expect({ id, status: answer.status, message: answer.body.message }).toEqual({ id, status: 404, message: 'Note not found' });
    }
  });

  it('erases the notes about a customer, with their earlier texts, when the customer is deleted', async () => {
    const shopper = await registerShopper(stack);
    const note = (await stack.backofficeHttp().post(`/api/customers/${shopper.reference}/notes`).set(as('alice')).send({ text: 'Private: said X.' })).body.data;
    expect((await stack.backofficeHttp().patch(`/api/notes/${note.id}`).set(as('alice')).send({ text: 'Private: said Y.' })).status).toBe(200);
    const other = await registerShopper(stack);
    await stack.backofficeHttp().post(`/api/customers/${other.reference}/notes`).set(as('alice')).send({ text: 'Keep me.' });
    expect((await stack.backofficeHttp().delete(`/api/customers/${shopper.reference}`).set(as('admin'))).status).toBe(204);
    expect(await stack.sql('select id from customer_note where customer_reference = ?', [shopper.reference])).toEqual([]);
    expect(await stack.sql('select id from customer_note_revision where note_id = ?', [note.id])).toEqual([]);
    expect(await stack.sql('select id from customer_note where customer_reference = ?', [other.reference])).toHaveLength(1);
  });
});
