import { Query } from '@nestjs/cqrs';
import { AddressView } from '../../dto/address.dto';

/** The customer's addresses, oldest first; with `uuid`, that one address (or not found). */
export class ListAddressesQuery extends Query<AddressView[]> {
  constructor(readonly customerReference: string, readonly uuid?: string) {
    super();
  }
}
