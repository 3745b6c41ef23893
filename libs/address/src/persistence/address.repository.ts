import { EntityManager } from '@mikro-orm/postgresql';
import { CustomerAddress } from '../domain/customer-address.entity';
import { AddressNotFoundError } from '../domain/address.errors';

/** Queries and default-address bookkeeping for the module's handlers. */
export const AddressRepository = {
  /** The customer's address; another customer's or an unknown uuid is not found alike. */
  async getOwn(em: EntityManager, customerReference: string, uuid: string): Promise<CustomerAddress> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid);
    const address = isUuid ? await em.findOne(CustomerAddress, { uuid: uuid.toLowerCase(), customerReference }) : null;
    if (!address) throw new AddressNotFoundError();
    return address;
  },

  /** Makes `address` the customer's default billing and/or shipping address, taking it from any other. */
  async makeDefault(em: EntityManager, address: CustomerAddress, billing: boolean, shipping: boolean): Promise<void> {
    if (billing && !address.isDefaultBilling) {
      await em.nativeUpdate(CustomerAddress, { customerReference: address.customerReference, isDefaultBilling: true }, { isDefaultBilling: false });
      address.isDefaultBilling = true;
    }
    if (shipping && !address.isDefaultShipping) {
      await em.nativeUpdate(CustomerAddress, { customerReference: address.customerReference, isDefaultShipping: true }, { isDefaultShipping: false });
      address.isDefaultShipping = true;
    }
  },
};
