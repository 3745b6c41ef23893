import { Command } from '@nestjs/cqrs';

export class UpdateCustomerAccessCommand extends Command<void> {
  constructor(readonly restrictions: Record<string, boolean>) {
    super();
  }
}
