import { DomainError } from '@patron/shared-kernel';

export class UserEmailTakenError extends DomainError {
  readonly code = 'USER.EMAIL_TAKEN';
  readonly kind = 'conflict';
  constructor() {
    super('A back-office user with this email already exists', { field: 'email' });
  }
}

/** Same error for an unknown email and a wrong password. */
export class UserAuthenticationFailedError extends DomainError {
  readonly code = 'USER.AUTHENTICATION_FAILED';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Invalid email or password.');
  }
}

export class UserNotFoundError extends DomainError {
  readonly code = 'USER.NOT_FOUND';
  readonly kind = 'not-found';
  constructor() {
    super('Back-office user not found');
  }
}
