import { Command } from '@nestjs/cqrs';

export class DeleteAddressCommand extends Command<void> {
  constructor(readonly customerReference: string, readonly uuid: string) {
    super();
  }
}
