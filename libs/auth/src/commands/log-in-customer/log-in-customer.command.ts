import { Command } from '@nestjs/cqrs';
import { TokenPair } from '../../dto/token-pair';

export class LogInCustomerCommand extends Command<TokenPair> {
  constructor(readonly username: string, readonly password: string) {
    super();
  }
}
