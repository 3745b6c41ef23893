import { Command } from '@nestjs/cqrs';

export class ResendRegistrationConfirmationCommand extends Command<void> {
  constructor(readonly email: string) {
    super();
  }
}
