import { doc, startStack, TestStack } from '../../../test/support/stack';
import { bearer, glueError, registerShopper, Shopper } from './storefront.helpers';

const NOT_FOUND = glueError(404, '404', 'Address was not found.');
const UNAUTHORIZED = glueError(403, '411', 'Unauthorized request.');

const address = (overrides: Record<string, unknown> = {}) => ({
  salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', address1: 'Julie-Wolfthorn-Straße', address2: '1', address3: null,
  zipCode: '10115', city: 'Berlin', iso2Code: 'DE', company: 'Analytical Engines', phone: '+49 30 1', isDefaultShipping: false, isDefaultBilling: false,
  ...overrides,
});

describe('/customers/{ref}/addresses', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack.close());

  const path = (s: Shopper, ref = s.reference) => `/customers/${ref}/addresses`;
  const create = (s: Shopper, attributes: Record<string, unknown>, ref = s.reference) =>
    stack.http().post(path(s, ref)).set(bearer(s.accessToken)).send(doc('addresses', attributes));
  const patch = (s: Shopper, uuid: string, attributes: Record<string, unknown>) =>
    stack.http().patch(`${path(s)}/${uuid}`).set(bearer(s.accessToken)).send(doc('addresses', attributes));
  const list = async (s: Shopper) => (await stack.http().get(path(s)).set(bearer(s.accessToken))).body.data as { id: string; attributes: Record<string, unknown> }[];

  it('creates an address with the contract attributes; the first becomes both defaults', async () => {
    const shopper = await registerShopper(stack);
    const created = await create(shopper, address());
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({
      type: 'addresses',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      attributes: {
        salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', address1: 'Julie-Wolfthorn-Straße', address2: '1', address3: null, zipCode: '10115',
        city: 'Berlin', country: 'Germany', iso2Code: 'DE', company: 'Analytical Engines', phone: '+49 30 1', isDefaultShipping: true, isDefaultBilling: true,
      },
      links: { self: `http://localhost:3000/customers/${shopper.reference}/addresses/${created.body.data.id}` },
    });
  });

  it('answers PATCH and DELETE without a uuid with 400 412, and other methods with 405 and Allow', async () => {
    const shopper = await registerShopper(stack);
    const id = (await create(shopper, address())).body.data.id;
    const missing = glueError(400, '412', 'Address UUID is missing.');
    expect((await stack.http().patch(path(shopper)).set(bearer(shopper.accessToken)).send(doc('addresses', { city: 'Hamburg' }))).body).toEqual(missing);
    expect((await stack.http().delete(path(shopper)).set(bearer(shopper.accessToken))).body).toEqual(missing);
    const put = await stack.http().put(`${path(shopper)}/${id}`).set(bearer(shopper.accessToken)).send(doc('addresses', address()));
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    expect(put.body).toEqual(glueError(405, '000', 'Method not allowed.'));
    expect((await list(shopper)).map((a) => a.attributes.city)).toEqual(['Berlin']);
  });

  it('refuses a PATCH whose data.id names another address with 409, changing nothing; a matching data.id is fine', async () => {
    const shopper = await registerShopper(stack);
    const first = (await create(shopper, address())).body.data.id;
    const second = (await create(shopper, address({ city: 'Hamburg', zipCode: '20095' }))).body.data.id;
    const send = (id: string) =>
      stack.http().patch(`${path(shopper)}/${first}`).set(bearer(shopper.accessToken)).send({ data: { type: 'addresses', id, attributes: { city: 'Potsdam' } } });
    expect((await send(second)).body).toEqual(glueError(409, '000', 'data.id does not match the id in the URL.'));
    expect((await list(shopper)).map((a) => a.attributes.city).sort()).toEqual(['Berlin', 'Hamburg']);
    const matching = await send(first);
    expect(matching.status).toBe(200);
    expect(matching.body.data).toMatchObject({ id: first, attributes: { city: 'Potsdam' } });
  });

  it('follows the default rules: true takes the default, false never unsets it, deleting leaves it empty', async () => {
    const shopper = await registerShopper(stack);
    const first = (await create(shopper, address())).body.data.id;
    const second = (await create(shopper, address({ city: 'Hamburg', zipCode: '20095' }))).body.data;
    expect(second.attributes).toMatchObject({ isDefaultBilling: false, isDefaultShipping: false });
    const third = (await create(shopper, address({ isDefaultBilling: true, iso2Code: 'US', zipCode: '94105', city: 'San Francisco' }))).body.data;
    expect(third.attributes).toMatchObject({ isDefaultBilling: true, isDefaultShipping: false, country: 'United States of America' });

    const byId = async () => Object.fromEntries((await list(shopper)).map((a) => [a.id, a.attributes]));
    expect((await byId())[first]).toMatchObject({ isDefaultBilling: false, isDefaultShipping: true });

    const unset = await patch(shopper, first, { isDefaultShipping: false, city: 'Potsdam', zipCode: '14467' });
    expect(unset.status).toBe(200);
    expect(unset.body.data.attributes).toMatchObject({ isDefaultShipping: true, city: 'Potsdam' });
    expect((await patch(shopper, second.id, { isDefaultShipping: true })).body.data.attributes.isDefaultShipping).toBe(true);
    expect((await byId())[first].isDefaultShipping).toBe(false);

    expect((await stack.http().delete(`${path(shopper)}/${third.id}`).set(bearer(shopper.accessToken))).status).toBe(204);
    const remaining = await byId();
    expect(Object.keys(remaining)).toHaveLength(2);
    expect(Object.values(remaining).some((a) => a.isDefaultBilling)).toBe(false);
    // With no default billing left, the next new address takes it.
    expect((await create(shopper, address())).body.data.attributes).toMatchObject({ isDefaultBilling: true, isDefaultShipping: false });
  });

  it("answers 403 411 for another customer's reference and 404 404 for an unknown or foreign uuid", async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    const theirs = (await create(other, address())).body.data.id;
    expect((await stack.http().get(path(shopper, other.reference)).set(bearer(shopper.accessToken))).body).toEqual(UNAUTHORIZED);
    expect((await create(shopper, address(), other.reference)).body).toEqual(UNAUTHORIZED);
    expect((await stack.http().patch(`${path(shopper, other.reference)}/${theirs}`).set(bearer(shopper.accessToken)).send(doc('addresses', { city: 'Evil' }))).body).toEqual(UNAUTHORIZED);
    expect((await stack.http().delete(`${path(shopper, other.reference)}/${theirs}`).set(bearer(shopper.accessToken))).body).toEqual(UNAUTHORIZED);
    for (const uuid of [theirs, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await stack.http().get(`${path(shopper)}/${uuid}`).set(bearer(shopper.accessToken))).body).toEqual(NOT_FOUND);
      expect((await patch(shopper, uuid, { city: 'Evil' })).body).toEqual(NOT_FOUND);
      expect((await stack.http().delete(`${path(shopper)}/${uuid}`).set(bearer(shopper.accessToken))).body).toEqual(NOT_FOUND);
    }
    expect((await list(other))[0].attributes.city).toBe('Berlin');
    expect((await stack.http().get(path(shopper))).body).toEqual(glueError(403, '002', 'Missing access token.'));
  });

  it('validates with 422 901: required fields, lengths, country; postal codes only by length unless the format check is on', async () => {
    const shopper = await registerShopper(stack);
    const missing = await create(shopper, {});
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { detail: string }) => e.detail).sort()).toEqual(
      ['address1', 'address2', 'city', 'firstName', 'isDefaultBilling', 'isDefaultShipping', 'iso2Code', 'lastName', 'salutation', 'zipCode']
        .map((f) => `${f} => This field is missing.`),
    );
    expect((await create(shopper, address({ iso2Code: 'XX' }))).body).toEqual(glueError(422, '901', 'iso2Code => This value is not a valid country.'));
    const lowerCase = await create(shopper, address({ iso2Code: 'at', zipCode: '1010', city: 'Vienna' }));
    expect(lowerCase.status).toBe(201);
    expect(lowerCase.body.data.attributes).toMatchObject({ iso2Code: 'AT', country: 'Austria' });
    for (const iso2Code of ['ß', 'ıt', 'ſe', 'ﬆ']) {
      expect((await create(shopper, address({ iso2Code }))).body).toEqual(glueError(422, '901', 'iso2Code => This value is not a valid country.'));
    }
    expect((await create(shopper, address({ city: 'Ab' }))).body).toEqual(glueError(422, '901', 'city => This value is too short. It should have 3 characters or more.'));
    expect((await create(shopper, address({ zipCode: '1'.repeat(16) }))).body.errors[0].detail).toBe('zipCode => This value is too long. It should have 15 characters or less.');
    expect((await create(shopper, address({ isDefaultBilling: 'yes' }))).body).toEqual(glueError(422, '901', 'isDefaultBilling => This value should be of type bool.'));
    const odd = await create(shopper, address({ zipCode: '1234', iso2Code: 'DE' }));
    expect(odd.status).toBe(201);
    expect(odd.body.data.attributes.zipCode).toBe('1234');
    expect((await patch(shopper, odd.body.data.id, { iso2Code: 'GB' })).status).toBe(200);
  });

  it('includes the addresses in GET /customers/{ref}?include=addresses', async () => {
    const shopper = await registerShopper(stack);
    const a = (await create(shopper, address())).body.data.id;
    const b = (await create(shopper, address({ city: 'Hamburg', zipCode: '20095' }))).body.data.id;
    const response = await stack.http().get(`/customers/${shopper.reference}?include=addresses`).set(bearer(shopper.accessToken));
    expect(response.body.data.relationships).toEqual({ addresses: { data: [{ type: 'addresses', id: a }, { type: 'addresses', id: b }] } });
    expect(response.body.included.map((r: { id: string }) => r.id)).toEqual([a, b]);
  });

  it('refuses the 101st address with 422', async () => {
    const shopper = await registerShopper(stack);
    for (let i = 0; i < 100; i++) expect((await create(shopper, address())).status).toBe(201);
    const over = await create(shopper, address());
    expect(over.body).toEqual(glueError(422, '901', 'addresses => A customer can have at most 100 addresses.'));
  }, 60_000);

  it('blanks the addresses of a deleted customer', async () => {
    const shopper = await registerShopper(stack);
    await create(shopper, address());
    expect((await stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken))).status).toBe(204);
    const rows = await stack.sql<Record<string, unknown>>('select first_name, last_name, address1, city, phone from customer_address where customer_reference = ?', [shopper.reference]);
    expect(rows).toEqual([{ first_name: '', last_name: '', address1: '', city: '', phone: null }]);
  });

  /** The personal data of every address row of a customer; blank for a deleted one. */
  const personalData = (reference: string) =>
    stack.sql<Record<string, unknown>>(
      `select salutation, first_name, last_name, address1, address2, address3, zip_code, city, region, company, phone, comment,
              is_default_billing, is_default_shipping
         from customer_address where customer_reference = ? order by id`,
      [reference],
    );
  const BLANK = {
    salutation: null, first_name: '', last_name: '', address1: '', address2: '', address3: null, zip_code: '', city: '', region: null, company: null,
    phone: null, comment: null, is_default_billing: false, is_default_shipping: false,
  };
  const CUSTOMER_NOT_FOUND = glueError(404, '402', 'Customer not found.');

  it('leaves no personal data in the addresses of a customer deleted while they are added and edited', async () => {
    for (let round = 0; round < 20; round++) {
      const shopper = await registerShopper(stack);
      const existing = (await create(shopper, address())).body.data.id;
      const [deleted, ...writes] = await Promise.all([
        stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken)),
        ...[1, 2, 3].map((n) => create(shopper, address({ firstName: `Racer${n}`, address1: `Race Street ${n}`, company: 'Race Ltd', isDefaultBilling: true }))),
        patch(shopper, existing, { firstName: 'Edited', address1: 'Edited Street 1', phone: '+49 30 9' }),
      ]);
      expect(deleted.status).toBe(204);
      for (const write of writes) {
        // Done before the deletion (then blanked by it), refused after it, or stopped by the revoked token.
        if (write.status === 404) expect(write.body).toEqual(CUSTOMER_NOT_FOUND);
        else if (write.status === 401) expect(write.body).toEqual(glueError(401, '001', 'Invalid access token.'));
        else expect([200, 201]).toContain(write.status);
      }
      const rows = await personalData(shopper.reference);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const row of rows) expect({ round, ...row }).toEqual({ round, ...BLANK });
    }
  }, 120_000);

  it('refuses address writes after the deletion with 404 402, also on a process whose token cache still accepts the token', async () => {
    // A second storefront on the same database: it checked the token just before the deletion and caches its version.
    const other = await startStack({ worker: false, connectVia: () => stack.db.url });
    try {
      const shopper = await registerShopper(stack);
      const existing = (await create(shopper, address())).body.data.id;
      expect((await other.http().get(path(shopper)).set(bearer(shopper.accessToken))).status).toBe(200);
      expect((await stack.http().delete(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken))).status).toBe(204);
      const before = await personalData(shopper.reference);
      expect(before).toEqual([BLANK]);

      const on = (s: TestStack) => ({
        post: s.http().post(path(shopper)).set(bearer(shopper.accessToken)).send(doc('addresses', address({ firstName: 'Late' }))),
        patch: s.http().patch(`${path(shopper)}/${existing}`).set(bearer(shopper.accessToken)).send(doc('addresses', { firstName: 'Late' })),
        delete: s.http().delete(`${path(shopper)}/${existing}`).set(bearer(shopper.accessToken)),
      });
      const late = on(other);
      expect((await late.post).body).toEqual(CUSTOMER_NOT_FOUND);
      expect((await late.patch).body).toEqual(CUSTOMER_NOT_FOUND);
      expect((await late.delete).body).toEqual(CUSTOMER_NOT_FOUND);
      const here = on(stack); // this process forgot the token version at the deletion
      for (const request of [here.post, here.patch, here.delete]) expect((await request).status).toBe(401);
      expect(await personalData(shopper.reference)).toEqual(before);
    } finally {
      await other.close();
    }
  });
});

describe('/customers/{ref}/addresses with ADDRESS_POSTAL_CODE_CHECK', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { ADDRESS_POSTAL_CODE_CHECK: 'true' } });
  });
  afterAll(() => stack.close());

  const path = (s: Shopper) => `/customers/${s.reference}/addresses`;
  const create = (s: Shopper, attributes: Record<string, unknown>) =>
    stack.http().post(path(s)).set(bearer(s.accessToken)).send(doc('addresses', attributes));
  const patch = (s: Shopper, uuid: string, attributes: Record<string, unknown>) =>
    stack.http().patch(`${path(s)}/${uuid}`).set(bearer(s.accessToken)).send(doc('addresses', attributes));
  const list = async (s: Shopper) => (await stack.http().get(path(s)).set(bearer(s.accessToken))).body.data as { id: string }[];

  it('refuses a postal code that does not fit the country with 422 901', async () => {
    const shopper = await registerShopper(stack);
    expect((await create(shopper, address({ zipCode: '1234' }))).body).toEqual(glueError(422, '901', 'zipCode => This value is not a valid postal code.'));
    expect((await create(shopper, address({ iso2Code: 'GB', zipCode: '10115' }))).status).toBe(422);
    expect((await create(shopper, address({ iso2Code: 'GB', zipCode: 'SW1A 1AA', city: 'London' }))).status).toBe(201);
    const first = (await list(shopper))[0].id;
    expect((await patch(shopper, first, { zipCode: 'ABC' })).body).toEqual(glueError(422, '901', 'zipCode => This value is not a valid postal code.'));
  });

  it('accepts postal codes in any letter case, and keeps them as entered', async () => {
    const shopper = await registerShopper(stack);
    for (const [iso2Code, zipCode] of [['NL', '1012ab'], ['NL', '1012 Ab'], ['GB', 'sw1a 1aa'], ['MT', 'vlt 1117'], ['CA', 'k1a 0b1']]) {
      const created = await create(shopper, address({ iso2Code, zipCode, city: 'Somewhere' }));
      expect([iso2Code, zipCode, created.status]).toEqual([iso2Code, zipCode, 201]);
      expect(created.body.data.attributes.zipCode).toBe(zipCode);
    }
    expect((await create(shopper, address({ iso2Code: 'NL', zipCode: '1012abc' }))).body).toEqual(glueError(422, '901', 'zipCode => This value is not a valid postal code.'));
  });
});
