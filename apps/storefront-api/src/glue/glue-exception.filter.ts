import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { methodsAllowedInstead } from '@patron/config';
import { LoginBlockedError } from '@patron/auth';
import { DomainError, serviceUnavailableFrom } from '@patron/shared-kernel';
import { GLUE_ERRORS, GlueError, GlueErrorObject } from './glue-error';
import { glueErrorsFor } from './domain-error-mapping';
import { JSON_API_CONTENT_TYPE } from './json-api';

/**
 * Answers every error in the Glue shape `{"errors":[{code,status,detail}]}`: a method a path does not take as 405 with
 * `Allow`, a lost database connection as 503 with `Retry-After`, unexpected errors as 500 with a correlation id.
 */
@Catch()
export class GlueExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('StorefrontApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const allowed = methodsAllowedInstead(exception, host.switchToHttp().getRequest<Request>());
    if (allowed && !response.headersSent) {
      response.setHeader('Allow', allowed.join(', '));
      exception = GLUE_ERRORS.methodNotAllowed();
    }
    const unavailable = serviceUnavailableFrom(exception);
    if (unavailable) {
      this.logger.warn(`Answered 503: ${unavailable.causeMessage}`);
      if (!response.headersSent) response.setHeader('Retry-After', String(unavailable.retryAfterSeconds));
    }
    const errors = this.toGlueErrors(unavailable ?? exception);
    if (response.headersSent) return;
    const retryAfter = exception instanceof LoginBlockedError ? exception.blockMinutes * 60 : exception instanceof GlueError ? exception.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(errors[0].status).type(JSON_API_CONTENT_TYPE).send(JSON.stringify({ errors }));
  }

  private toGlueErrors(exception: unknown): GlueErrorObject[] {
    if (exception instanceof GlueError) return exception.errors;
    if (exception instanceof DomainError) return glueErrorsFor(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return [{ status, code: '000', detail: httpDetail(exception) }];
    }
    const status = (exception as { status?: number; type?: string })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser errors: too large, unsupported charset (unparsable JSON is answered in storefront.app.ts)
      return [{ status, code: '000', detail: String((exception as Error).message) }];
    }
    const correlationId = randomUUID();
    this.logger.error(`Unexpected error ${correlationId}: ${(exception as Error)?.stack ?? String(exception)}`);
    return [{ status: 500, code: '000', detail: `Internal error (correlation id ${correlationId}).` }];
  }
}

const httpDetail = (exception: HttpException): string => {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
};
