import { Command } from '@nestjs/cqrs';

/** Revokes one refresh token of the customer, or all of them when `refreshToken` is omitted. Result: how many. */
export class RevokeRefreshTokensCommand extends Command<number> {
  constructor(readonly customerReference: string, readonly refreshToken?: string) {
    super();
  }
}
