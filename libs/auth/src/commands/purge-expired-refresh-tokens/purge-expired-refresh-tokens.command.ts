import { Command } from '@nestjs/cqrs';

export class PurgeExpiredRefreshTokensCommand extends Command<number> {
  constructor(readonly expiredBefore: Date) {
    super();
  }
}
