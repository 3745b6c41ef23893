import { DomainError } from '@patron/shared-kernel';

export class UnknownContentTypeError extends DomainError {
  readonly code = 'CUSTOMER_ACCESS.UNKNOWN_CONTENT_TYPE';
  readonly kind = 'validation';
  constructor(contentType: string) {
    super(`Unknown content type "${contentType}"`, { field: 'contentType', contentType });
  }
}
