import { DomainError } from '@patron/shared-kernel';

export class InvalidRefreshTokenError extends DomainError {
  readonly code = 'AUTH.INVALID_REFRESH_TOKEN';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Failed to refresh token.');
  }
}
