import { Query } from '@nestjs/cqrs';

export class FindTokenVersionQuery extends Query<number | null> {
  constructor(readonly reference: string) {
    super();
  }
}
