import { Query } from '@nestjs/cqrs';

/** Tokens of a customer are current when they carry `version`, or are the one token `keptTokenId`. */
export interface TokenVersion {
  version: number;
  keptTokenId: string | null;
}

export class FindTokenVersionQuery extends Query<TokenVersion | null> {
  constructor(readonly reference: string) {
    super();
  }
}
