import { Command } from '@nestjs/cqrs';

export class LockLiveCustomerCommand extends Command<void> {
  constructor(readonly reference: string) {
    super();
  }
}
