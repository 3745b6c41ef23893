import { Injectable } from '@nestjs/common';
import type { AddressExpanderPlugin, AddressView } from '@patron/address';
import { doc, startStack, TestStack } from '../support/stack';
import { bearer, registerShopper } from '../../apps/storefront-api/test/storefront.helpers';

/** Adds a one-line label, as a shop's address book might show it. */
@Injectable()
class AddressLabelExpander implements AddressExpanderPlugin {
  async expand(address: Readonly<AddressView>) {
    return { label: `${address.firstName} ${address.lastName}, ${address.city}`, salutation: 'overridden?' };
  }
}

describe('address expander plugins from an extension', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, extensions: [{ addressExpanderPlugins: [AddressLabelExpander] }] });
  });
  afterAll(() => stack.close());

  it('adds their data to created, listed and read addresses, never replacing a contract attribute', async () => {
    const shopper = await registerShopper(stack);
    const attributes = { salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', address1: 'Julie-Wolfthorn-Straße', address2: '1', zipCode: '10115',
      city: 'Berlin', iso2Code: 'DE', isDefaultShipping: true, isDefaultBilling: true };
    const created = await stack.http().post(`/customers/${shopper.reference}/addresses`).set(bearer(shopper.accessToken)).send(doc('addresses', attributes));
    expect(created.status).toBe(201);
    expect(created.body.data.attributes).toMatchObject({ label: 'Ada Lovelace, Berlin', salutation: 'Ms' });
    const listed = await stack.http().get(`/customers/${shopper.reference}/addresses`).set(bearer(shopper.accessToken));
    expect(listed.body.data[0].attributes.label).toBe('Ada Lovelace, Berlin');
    const read = await stack.http().get(`/customers/${shopper.reference}/addresses/${created.body.data.id}`).set(bearer(shopper.accessToken));
    expect(read.body.data.attributes).toMatchObject({ label: 'Ada Lovelace, Berlin', salutation: 'Ms' });
  });
});
