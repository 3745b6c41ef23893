import { DomainError } from '@patron/shared-kernel';

export class OrderNotFoundError extends DomainError {
  readonly code = 'SALES.ORDER_NOT_FOUND';
  readonly kind = 'not-found';
  constructor() {
    super("Can't find order by the given order reference");
  }
}
