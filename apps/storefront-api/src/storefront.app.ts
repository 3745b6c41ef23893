import { INestApplication, LoggerService, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ServerResponse } from 'node:http';
import type { Request } from 'express';
import { answerClientErrorsWith, Database, Env, PatronCoreModule, useRequestIds } from '@patron/config';
import { useHttpMetrics } from '@patron/ops';
import type { AccessTokenClaims } from '@patron/auth';
import { actorFromRequest } from '@patron/shared-kernel';
import { StorefrontApiModule } from './storefront-api.module';
import { JSON_API_CONTENT_TYPE } from './glue/json-api';
import { GLUE_ERRORS, GlueError } from './glue/glue-error';

@Module({})
export class StorefrontAppModule {
  static forRoot(env: Env, database: Database) {
    return { module: StorefrontAppModule, imports: [PatronCoreModule.forRoot(env, database), StorefrontApiModule.forRoot(env)] };
  }
}

export interface StorefrontHttpOptions {
  logger?: LoggerService | LogLevel[] | false;
  corsOrigins?: string[];
  /** Express "trust proxy" (see TRUST_PROXY): decides which address counts as the client's. */
  trustProxy?: boolean | number | string;
}

/**
 * PostgreSQL cannot compare text holding NUL characters (the driver's error would read as a lost connection), and no
 * reference, uuid or token holds one: a `%00` in the URL becomes U+FFFD, so the lookup finds nothing and the route
 * answers as for any unknown id (404 `402`, 404 `404`, …). Other characters PostgreSQL refuses, lone surrogates,
 * cannot arrive in a URL: they are not valid UTF-8, and Express refuses to decode such a parameter.
 */
const nulFreeUrl = (req: { url: string }, _res: unknown, next: () => void): void => {
  if (req.url.includes('%00')) req.url = req.url.replaceAll('%00', '%EF%BF%BD');
  next();
};

const JSON_BODY_TYPES = ['application/json', JSON_API_CONTENT_TYPE, 'application/*+json'];
const BODY_METHODS = new Set(['POST', 'PATCH', 'PUT']);

/** A body declared as something other than JSON, or a non-empty body declared as nothing (415). */
const sendsOtherMediaType = (req: Request): boolean => {
  if (!BODY_METHODS.has(req.method) || req.is(JSON_BODY_TYPES) !== false) return false;
  return req.headers['content-type'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
};

/** HTTP settings every storefront instance needs: CORS, JSON:API bodies and responses, the client IP. */
export const configureStorefrontHttp = (app: NestExpressApplication, options: StorefrontHttpOptions = {}): void => {
  app.set('trust proxy', options.trustProxy ?? false);
  app.disable('x-powered-by');
  app.set('etag', false);
  answerClientErrorsWith(app, JSON_API_CONTENT_TYPE, (status, reason) => ({ errors: [{ status, code: '000', detail: `${reason}.` }] }));
  // First, so that every answer has them, also those of CORS preflights and of bodies refused before routing.
  sendJsonApiContentTypeBare(app);
  app.use((_req: unknown, res: ServerResponse & { type: (t: string) => void }, next: () => void) => {
    res.type(JSON_API_CONTENT_TYPE);
    // Answers hold personal data and tokens: no cache may keep them.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  useRequestIds(app);
  useHttpMetrics(app, 'storefront');
  const origins = options.corsOrigins ?? ['*'];
  app.enableCors({
    origin: origins.includes('*') ? true : origins,
    methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Accept-Language', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'Allow'],
    maxAge: 600,
  });
  app.use(nulFreeUrl);
  // Not strict: a body of `null` or `42` is valid JSON, answered as "not a JSON:API document" by the resource.
  app.useBodyParser('json', { type: JSON_BODY_TYPES, limit: '100kb', strict: false });
  app.use((req: Request, _res: unknown, next: (error?: unknown) => void) => next(sendsOtherMediaType(req) ? GLUE_ERRORS.unsupportedMediaType() : undefined));
  // The parser's own messages quote the body or are terse: answer in the API's words instead.
  app.use((error: { type?: string; charset?: string }, _req: unknown, _res: unknown, next: (error: unknown) => void) =>
    next(bodyParserError(error) ?? error),
  );
  // The authenticated customer (set by AccessTokenGuard) is who changes data; anonymous requests are a customer too.
  app.use(
    actorFromRequest((user) => ({ type: 'customer', id: (user as AccessTokenClaims | undefined)?.customerReference ?? null, name: null })),
  );
};

const bodyParserError = (error: { type?: string; charset?: string }): GlueError | null => {
  if (error?.type === 'entity.parse.failed') return GLUE_ERRORS.invalidDocument('Request body is not valid JSON.');
  if (error?.type === 'entity.too.large') return GlueError.of(413, '000', 'Request body is larger than 100 kB.');
  if (error?.type === 'charset.unsupported') return GlueError.of(415, '000', `Request body charset "${error.charset}" is not supported: send UTF-8.`);
  if (error?.type === 'encoding.unsupported') return GlueError.of(415, '000', 'Request body Content-Encoding is not supported.');
  return null;
};

/**
 * JSON:API forbids media type parameters on its Content-Type, but Express appends `; charset=utf-8` to every string
 * it sends: this app's responses drop it again (once, on the app's response prototype, not per request).
 */
const sendJsonApiContentTypeBare = (app: NestExpressApplication): void => {
  const responsePrototype = (app.getHttpAdapter().getInstance() as { response: ServerResponse }).response;
  responsePrototype.setHeader = function setHeader(this: ServerResponse, name: string, value: number | string | readonly string[]) {
    const bare = typeof value === 'string' && name.toLowerCase() === 'content-type' && value.startsWith(JSON_API_CONTENT_TYPE);
    return ServerResponse.prototype.setHeader.call(this, name, bare ? JSON_API_CONTENT_TYPE : value);
  };
};

/** Creates (does not start) a storefront application. */
export const createStorefrontApp = async (root: unknown, options: StorefrontHttpOptions = {}): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(root as never, { bodyParser: false, logger: options.logger ?? ['error', 'warn', 'log'] });
  configureStorefrontHttp(app, options);
  return app;
};

/** The storefront HTTP options the environment asks for. */
export const storefrontHttpOptions = (env: Env, logger: LoggerService): StorefrontHttpOptions => ({
  logger,
  corsOrigins: env.CORS_ORIGINS,
  trustProxy: env.TRUST_PROXY,
});
