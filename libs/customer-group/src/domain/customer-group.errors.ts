import { DomainError } from '@patron/shared-kernel';

export class CustomerGroupNotFoundError extends DomainError {
  readonly code = 'CUSTOMER_GROUP.NOT_FOUND';
  readonly kind = 'not-found';
  constructor() {
    super('Customer group not found');
  }
}

export class CustomerGroupNameTakenError extends DomainError {
  readonly code = 'CUSTOMER_GROUP.NAME_TAKEN';
  readonly kind = 'conflict';
  constructor() {
    super('A customer group with this name already exists', { field: 'name' });
  }
}
