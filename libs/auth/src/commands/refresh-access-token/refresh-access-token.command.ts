import { Command } from '@nestjs/cqrs';
import { TokenPair } from '../../dto/token-pair';

export class RefreshAccessTokenCommand extends Command<TokenPair> {
  constructor(readonly refreshToken: string) {
    super();
  }
}
