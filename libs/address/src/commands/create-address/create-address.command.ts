import { Command } from '@nestjs/cqrs';
import { AddressView, NewAddress } from '../../dto/address.dto';

export class CreateAddressCommand extends Command<AddressView> {
  constructor(readonly customerReference: string, readonly input: NewAddress) {
    super();
  }
}
