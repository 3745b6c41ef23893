import { Command } from '@nestjs/cqrs';

export class SignOutSessionCommand extends Command<void> {
  constructor(readonly userId: number, readonly tokenId: string, readonly expiresAt: Date) {
    super();
  }
}
