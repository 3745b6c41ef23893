import { DomainError, FieldViolation, InputValidationError } from '@patron/shared-kernel';

export class AddressNotFoundError extends DomainError {
  readonly code = 'ADDRESS.NOT_FOUND';
  readonly kind = 'not-found';
  constructor() {
    super('Address was not found.');
  }
}

export class AddressLimitReachedError extends DomainError {
  readonly code = 'ADDRESS.LIMIT_REACHED';
  readonly kind = 'validation';
  constructor(readonly limit: number) {
    super(`A customer can have at most ${limit} addresses.`, { field: 'addresses', limit });
  }
}

/** Country or postal code that does not exist. */
export const invalidAddress = (violations: FieldViolation[]) => new InputValidationError(violations);
