import { Command } from '@nestjs/cqrs';

export class RequestPasswordRestoreCommand extends Command<void> {
  constructor(readonly email: string) {
    super();
  }
}
