import { Command } from '@nestjs/cqrs';

export class ChangePasswordCommand extends Command<void> {
  constructor(readonly reference: string, readonly currentPassword: string, readonly newPassword: string, readonly keepTokenId: string | null = null) {
    super();
  }
}
