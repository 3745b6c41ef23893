import { Command } from '@nestjs/cqrs';

export class SignOutUserCommand extends Command<void> {
  constructor(readonly id: number) {
    super();
  }
}
