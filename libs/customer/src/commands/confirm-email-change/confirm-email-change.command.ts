import { Command } from '@nestjs/cqrs';

/** Result: the customer's reference. */
export class ConfirmEmailChangeCommand extends Command<string> {
  constructor(readonly token: string) {
    super();
  }
}
