import { DomainError } from './domain-error';

/**
 * A dependency the request needs (the database) cannot be reached right now: answered as 503, worth retrying.
 * Built from the driver's error by `serviceUnavailableFrom`; the cause stays on the server (logs), never in a body.
 */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE.UNAVAILABLE';
  readonly kind = 'unavailable';
  override readonly apiCode = '503';
  /** Seconds a client should wait before trying again (the `Retry-After` header). */
  readonly retryAfterSeconds = 5;

  constructor(readonly causeMessage: string) {
    super('The service is temporarily unavailable. Please try again in a moment.');
  }
}

/**
 * SQLSTATEs of a lost or refused connection (class 08, shutdown and cannot-connect-now 57P0x, too many connections) and
 * of a statement cancelled by the query timeout (57014).
 */
const UNAVAILABLE_SQLSTATE = /^(08\w{3}|57P0[1-4]|53300|57014)$/;
/** Node's socket errors. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * What pg, knex and the pool say when a connection is gone or cannot be had (they set no code). "Transaction query
 * already complete" is knex's answer to the next query of a transaction whose connection died between two queries;
 * "timeout expired" is pg's when a connection attempt found no server in time, "Query read timeout" when a connection
 * went silent.
 */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Connection ended unexpectedly|not queryable|Timeout acquiring a connection|timeout exceeded when trying to connect|terminating connection|is not currently accepting connections|the database system is (?:starting up|shutting down|in recovery mode)|Transaction query already complete|^timeout expired$|Query read timeout|Connection is closed/i;

/**
 * The 503 error for a database connection error (at any depth of `cause`), or undefined for any other error: a
 * driver error that is not about the connection is a bug, and stays a 500.
 */
export const serviceUnavailableFrom = (error: unknown): ServiceUnavailableError | undefined => {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ServiceUnavailableError) return e;
    // Errors thrown on purpose say what they mean; only the driver's are read here.
    if (e instanceof DomainError) return undefined;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || SOCKET_CODES.has(code))) return new ServiceUnavailableError(String(message));
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return new ServiceUnavailableError(message);
  }
  return undefined;
};
