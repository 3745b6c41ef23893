import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { methodsAllowedInstead } from '@patron/config';
import { randomUUID } from 'node:crypto';
import { DomainError, FieldViolation, InputValidationError, serviceUnavailableFrom } from '@patron/shared-kernel';

/** The error shape in the OpenAPI document. */
export const ERROR_BODY = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 422 },
    error: { type: 'string', example: 'Unprocessable Entity' },
    message: { type: 'string', example: 'Invalid input' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string', example: 'email' }, message: { type: 'string' } } },
    },
  },
};

/** An error answered as `{ statusCode, error, message, errors? }` with the given status. */
export class BackofficeError extends Error {
  constructor(readonly status: number, message: string, readonly errors?: FieldViolation[]) {
    super(message);
  }
}

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  validation: 422,
  conflict: 409,
  'not-found': 404,
  forbidden: 403,
  unauthenticated: 401,
  rejected: 422,
  unavailable: 503,
};

const NAMES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/**
 * The back office's one error shape: `{ statusCode, error, message, errors?: [{ field, message }] }`; a method a path does
 * not take is a 405 with `Allow`, a lost database connection a 503.
 */
@Catch()
export class BackofficeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('BackofficeApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const allowed = methodsAllowedInstead(exception, host.switchToHttp().getRequest<Request>());
    if (allowed && !response.headersSent) {
      response.setHeader('Allow', allowed.join(', '));
      exception = new BackofficeError(405, 'Method not allowed.');
    }
    const unavailable = serviceUnavailableFrom(exception);
    if (unavailable) {
      this.logger.warn(`Answered 503: ${unavailable.causeMessage}`);
      if (!response.headersSent) response.setHeader('Retry-After', String(unavailable.retryAfterSeconds));
    }
    const { status, message, errors } = this.describe(unavailable ?? exception);
    if (response.headersSent) return;
    response.status(status).json({ statusCode: status, error: NAMES[status] ?? 'Error', message, ...(errors ? { errors } : {}) });
  }

  private describe(exception: unknown): { status: number; message: string; errors?: FieldViolation[] } {
    if (exception instanceof BackofficeError) return { status: exception.status, message: exception.message, errors: exception.errors };
    if (exception instanceof InputValidationError) return { status: 422, message: 'Invalid input', errors: exception.violations };
    if (exception instanceof DomainError) {
      const field = exception.details?.field;
      return {
        status: STATUS_BY_KIND[exception.kind] ?? 400,
        message: exception.message,
        ...(typeof field === 'string' ? { errors: [{ field, message: exception.message }] } : {}),
      };
    }
    if (exception instanceof HttpException) return { status: exception.getStatus(), message: exception.message };
    const status = (exception as { status?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) return { status, message: (exception as Error).message };
    const id = randomUUID();
    this.logger.error(`Unexpected error ${id}: ${(exception as Error)?.stack ?? String(exception)}`);
    return { status: 500, message: `Internal error (correlation id ${id}).` };
  }
}
