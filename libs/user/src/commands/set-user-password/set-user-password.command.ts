import { Command } from '@nestjs/cqrs';

export class SetUserPasswordCommand extends Command<void> {
  constructor(readonly id: number, readonly password: string) {
    super();
  }
}
