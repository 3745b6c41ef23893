import { Command } from '@nestjs/cqrs';

/** Result: the customer's reference. */
export class RestorePasswordCommand extends Command<string> {
  constructor(readonly restorePasswordKey: string, readonly newPassword: string) {
    super();
  }
}
