import { DomainError } from '@patron/shared-kernel';

export class CustomerNoteNotFoundError extends DomainError {
  readonly code = 'CUSTOMER_NOTE.NOT_FOUND';
  readonly kind = 'not-found';
  constructor() {
    super('Note not found');
  }
}

export class NoteEditForbiddenError extends DomainError {
  readonly code = 'CUSTOMER_NOTE.FORBIDDEN';
  readonly kind = 'forbidden';
  constructor() {
    super('Only the author or an admin may change this note');
  }
}
