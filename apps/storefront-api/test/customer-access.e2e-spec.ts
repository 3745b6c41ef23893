import { CustomerAccessFacade, UnknownContentTypeError } from '@patron/customer-access';
import { startStack, TestStack } from '../../../test/support/stack';

describe('GET /customer-access', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('lists the resource types hidden from guests: by default wishlists and wishlist items', async () => {
    const response = await stack.http().get('/customer-access');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [
        {
          type: 'customer-access',
          id: null,
          attributes: { resourceTypes: ['wishlists', 'wishlist-items'] },
          links: { self: 'http://localhost:3000/customer-access' },
        },
      ],
      links: { self: 'http://localhost:3000/customer-access' },
    });
  });

  it('follows the stored settings', async () => {
    const access = stack.app.get(CustomerAccessFacade);
    await access.update({ price: true, wishlist: false, 'order-place-submit': true });
    const response = await stack.http().get('/customer-access');
    expect(response.body.data[0].attributes.resourceTypes.sort()).toEqual(
      ['abstract-product-prices', 'checkout', 'checkout-data', 'concrete-product-prices'].sort(),
    );
    await expect(access.update({ 'no-such-type': true })).rejects.toBeInstanceOf(UnknownContentTypeError);
    await access.update({ price: false, wishlist: true, 'order-place-submit': false });
  });
});
