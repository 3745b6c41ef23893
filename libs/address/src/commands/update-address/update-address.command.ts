import { Command } from '@nestjs/cqrs';
import { AddressChanges, AddressView } from '../../dto/address.dto';

export class UpdateAddressCommand extends Command<AddressView> {
  constructor(readonly customerReference: string, readonly uuid: string, readonly changes: AddressChanges) {
    super();
  }
}
