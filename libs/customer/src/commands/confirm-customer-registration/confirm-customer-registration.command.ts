import { Command } from '@nestjs/cqrs';

/** Result: the confirmed customer's reference. */
export class ConfirmCustomerRegistrationCommand extends Command<string> {
  constructor(readonly registrationKey: string) {
    super();
  }
}
