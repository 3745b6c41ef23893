import { DomainError } from '@patron/shared-kernel';

/** Too many failed logins for this client IP and username; refused before the password is checked. */
export class LoginBlockedError extends DomainError {
  readonly code = 'AUTH.LOGIN_BLOCKED';
  readonly kind = 'rejected';
  constructor(readonly blockMinutes: number) {
    super(`Too many log in attempts from your address. Please wait ${blockMinutes} minutes before trying again.`, { blockMinutes });
  }
}

export class InvalidRefreshTokenError extends DomainError {
  readonly code = 'AUTH.INVALID_REFRESH_TOKEN';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Failed to refresh token.');
  }
}
