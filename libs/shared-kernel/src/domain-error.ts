export type DomainErrorKind =
  | 'validation'
  | 'conflict'
  | 'not-found'
  | 'forbidden'
  | 'unauthenticated'
  | 'rejected'
  | 'unavailable';

/**
 * Base class of every error a module throws on purpose. `code` is stable and module-scoped
 * (`CUSTOMER.EMAIL_ALREADY_REGISTERED`); apps map `code`/`kind` to their own wire format.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  /** The error code APIs answer with when they have no mapping of their own for `code` (errors of extensions). */
  readonly apiCode?: string;

  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldViolation {
  field: string;
  message: string;
}

/** Input that breaks a field rule; carries one violation per broken rule. */
export class InputValidationError extends DomainError {
  readonly code = 'INPUT.INVALID';
  readonly kind = 'validation';

  constructor(readonly violations: FieldViolation[]) {
    super(violations.map((v) => `${v.field} => ${v.message}`).join('; '));
  }
}
