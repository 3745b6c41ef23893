import { DomainError, InputValidationError } from '@patron/shared-kernel';
import { GlueErrorObject } from './glue-error';

const EMAIL_IN_USE =
  'If this email address is already in use, you will receive a password reset link. Otherwise you must first validate your e-mail address to finish registration. Please check your e-mail.';

/** Module error codes and the Glue errors they are answered with. */
const BY_CODE: Record<string, Omit<GlueErrorObject, 'detail'> & { detail?: string }> = {
  'CUSTOMER.EMAIL_ALREADY_REGISTERED': { status: 422, code: '400', detail: EMAIL_IN_USE },
  'CUSTOMER.NOT_FOUND': { status: 404, code: '402', detail: 'Customer not found.' },
  'CUSTOMER.INVALID_REGISTRATION_KEY': { status: 422, code: '423', detail: 'This email confirmation code is invalid or has been already used.' },
  'CUSTOMER.INVALID_EMAIL_CHANGE_TOKEN': { status: 422, code: '423', detail: 'This email confirmation code is invalid or has been already used.' },
  'CUSTOMER.AUTHENTICATION_FAILED': { status: 401, code: '003', detail: 'Failed to authenticate user.' },
  'CUSTOMER.UNSUPPORTED_LOCALE': { status: 422, code: '901', detail: 'locale => The value you selected is not a valid choice.' },
  'AUTH.INVALID_REFRESH_TOKEN': { status: 401, code: '004', detail: 'Failed to refresh token.' },
  'AUTH.LOGIN_BLOCKED': { status: 429, code: '4401' },
  'ADDRESS.NOT_FOUND': { status: 404, code: '404', detail: 'Address was not found.' },
  'SALES.ORDER_NOT_FOUND': { status: 404, code: '1101', detail: "Can't find order by the given order reference" },
  'CUSTOMER.INVALID_RESTORE_PASSWORD_KEY': { status: 422, code: '415', detail: 'Restore password key is not valid.' },
  'CUSTOMER.RESTORE_PASSWORD_KEY_EXPIRED': { status: 400, code: '407', detail: 'Failed to change password.' },
  'CUSTOMER.INVALID_CURRENT_PASSWORD': { status: 400, code: '408', detail: 'Invalid password' },
  'PASSWORD.TOO_SHORT': { status: 400, code: '418' },
  'PASSWORD.TOO_LONG': { status: 400, code: '419' },
  'PASSWORD.INVALID_CHARACTER_SET': { status: 400, code: '420' },
  'PASSWORD.REPEATED_CHARACTERS': { status: 400, code: '421' },
  'PASSWORD.COMMON_PASSWORD': { status: 400, code: '422' },
};

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  validation: 422,
  conflict: 422,
  'not-found': 404,
  forbidden: 403,
  unauthenticated: 401,
  rejected: 400,
  unavailable: 503,
};

/** Glue errors for a module error; unknown codes fall back on the error's kind. */
export const glueErrorsFor = (error: DomainError): GlueErrorObject[] => {
  if (error.code === 'ADDRESS.LIMIT_REACHED') return [{ status: 422, code: '901', detail: `addresses => ${error.message}` }];
  if (error instanceof InputValidationError) {
    return error.violations.map((v) => ({ status: 422, code: '901', detail: `${v.field} => ${v.message}` }));
  }
  const known = BY_CODE[error.code];
  if (known) return [{ status: known.status, code: known.code, detail: known.detail ?? error.message }];
  const status = STATUS_BY_KIND[error.kind] ?? 400;
  return [{ status, code: error.apiCode ?? String(status), detail: error.message }];
};
