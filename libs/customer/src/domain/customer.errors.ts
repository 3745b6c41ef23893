import { DomainError } from '@patron/shared-kernel';

export class EmailAlreadyRegisteredError extends DomainError {
  readonly code = 'CUSTOMER.EMAIL_ALREADY_REGISTERED';
  readonly kind = 'conflict';
  constructor() {
    super('A customer with this email already exists', { field: 'email' });
  }
}

export class CustomerNotFoundError extends DomainError {
  readonly code = 'CUSTOMER.NOT_FOUND';
  readonly kind = 'not-found';
  constructor(reference: string) {
    super(`Customer ${reference} not found`, { reference });
  }
}

export class InvalidRegistrationKeyError extends DomainError {
  readonly code = 'CUSTOMER.INVALID_REGISTRATION_KEY';
  readonly kind = 'validation';
  constructor() {
    super('This email confirmation code is invalid or has been already used.');
  }
}

/** Same error for unknown email, wrong password, deleted or unconfirmed customer: reveals nothing. */
export class AuthenticationFailedError extends DomainError {
  readonly code = 'CUSTOMER.AUTHENTICATION_FAILED';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Failed to authenticate user.');
  }
}

export class UnsupportedLocaleError extends DomainError {
  readonly code = 'CUSTOMER.UNSUPPORTED_LOCALE';
  readonly kind = 'validation';
  constructor(locale: string) {
    super(`Locale "${locale}" is not one of the configured locales`, { field: 'locale', locale });
  }
}

export class InvalidRestorePasswordKeyError extends DomainError {
  readonly code = 'CUSTOMER.INVALID_RESTORE_PASSWORD_KEY';
  readonly kind = 'validation';
  constructor() {
    super('Restore password key is not valid.');
  }
}

export class RestorePasswordKeyExpiredError extends DomainError {
  readonly code = 'CUSTOMER.RESTORE_PASSWORD_KEY_EXPIRED';
  readonly kind = 'rejected';
  constructor() {
    super('Failed to change password.');
  }
}

export class InvalidCurrentPasswordError extends DomainError {
  readonly code = 'CUSTOMER.INVALID_CURRENT_PASSWORD';
  readonly kind = 'rejected';
  constructor() {
    super('Invalid password');
  }
}

export class InvalidEmailChangeTokenError extends DomainError {
  readonly code = 'CUSTOMER.INVALID_EMAIL_CHANGE_TOKEN';
  readonly kind = 'validation';
  constructor() {
    super('This email confirmation code is invalid or has been already used.');
  }
}
