import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Whether guests (not logged in) may see or use one storefront content type. */
@Entity({ tableName: 'customer_access' })
export class CustomerAccessSetting {
  @PrimaryKey({ type: 'text' })
  contentType!: string;

  @Property({ type: 'boolean' })
  isRestricted!: boolean;
}

/** The content types and the storefront resource types each hides from guests when restricted. */
export const CONTENT_TYPE_RESOURCES: Record<string, string[]> = {
  price: ['abstract-product-prices', 'concrete-product-prices'],
  'order-place-submit': ['checkout', 'checkout-data'],
  'add-to-cart': ['guest-cart-items'],
  wishlist: ['wishlists', 'wishlist-items'],
  'shopping-list': [],
};
