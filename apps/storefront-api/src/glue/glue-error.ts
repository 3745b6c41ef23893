export interface GlueErrorObject {
  code: string;
  status: number;
  detail: string;
}

/** An error answered as-is in the Glue error shape; all objects share the HTTP status of the first. */
export class GlueError extends Error {
  /** Sent as `Retry-After` (a 429 says when to try again). */
  retryAfterSeconds?: number;

  constructor(readonly errors: GlueErrorObject[]) {
    super(errors.map((e) => e.detail).join('; '));
  }

  static of(status: number, code: string, detail: string): GlueError {
    return new GlueError([{ status, code, detail }]);
  }
}

/** The contract's fixed errors. */
export const GLUE_ERRORS = {
  invalidAccessToken: () => GlueError.of(401, '001', 'Invalid access token.'),
  missingAccessToken: () => GlueError.of(403, '002', 'Missing access token.'),
  customerNotFound: () => GlueError.of(404, '402', 'Customer not found.'),
  unauthorizedRequest: () => GlueError.of(403, '411', 'Unauthorized request.'),
  notIdentical: (a: string, b: string) =>
    GlueError.of(422, '406', `Value in field ${a} should be identical to value in the ${b} field.`),
  invalidDocument: (detail: string) => GlueError.of(400, '000', detail),
  idConflict: () => GlueError.of(409, '000', 'data.id does not match the id in the URL.'),
  unsupportedMediaType: () => GlueError.of(415, '000', 'Content-Type must be application/vnd.api+json (or application/json).'),
  methodNotAllowed: () => GlueError.of(405, '000', 'Method not allowed.'),
  referenceMissing: () => GlueError.of(400, '405', 'Customer reference is missing.'),
  addressUuidMissing: () => GlueError.of(400, '412', 'Address UUID is missing.'),
  cannotRegister: () => GlueError.of(500, '401', "Can't register a customer."),
  tooManyRequests: (minutes: number) =>
    Object.assign(GlueError.of(429, '429', `Too many requests from your address. Please wait ${minutes} minutes before trying again.`), {
      retryAfterSeconds: minutes * 60,
    }),
} as const;
