import { Command } from '@nestjs/cqrs';

export class AnonymizeCustomerCommand extends Command<void> {
  constructor(readonly reference: string) {
    super();
  }
}
