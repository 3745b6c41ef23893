import { DomainError } from '@patron/shared-kernel';

/** A registration from an email domain the loyalty programme does not accept. */
export class BlockedEmailDomainError extends DomainError {
  readonly code = 'LOYALTY.BLOCKED_EMAIL_DOMAIN';
  readonly kind = 'rejected';
  override readonly apiCode = '9901';
  constructor(domain: string) {
    super(`Registrations with an email address at ${domain} are not accepted.`, { field: 'email' });
  }
}
