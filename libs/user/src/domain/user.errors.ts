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
  constructor(email?: string) {
    super(email === undefined ? 'Back-office user not found' : `There is no back-office user with the email ${email}.`);
  }
}

/** The change would leave no enabled admin, so no one could manage staff or settings any more. */
export class LastEnabledAdminError extends DomainError {
  readonly code = 'USER.LAST_ENABLED_ADMIN';
  readonly kind = 'rejected';
  constructor(field: 'role' | 'disabled') {
    super('This is the last enabled admin: make another user admin first.', { field });
  }
}

/** An admin may not disable their own account or take away their own admin role (another admin has to). */
export class UserSelfLockoutError extends DomainError {
  readonly code = 'USER.SELF_LOCKOUT';
  readonly kind = 'rejected';
  constructor(field: 'role' | 'disabled') {
    super(field === 'role' ? 'You cannot change your own role; another admin has to.' : 'You cannot disable your own account; another admin has to.', { field });
  }
}
