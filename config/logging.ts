import { DynamicModule, Inject, INestApplication, LoggerService, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, Params, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';
import type { PrettyOptions } from 'pino-pretty';
import { matchedRoute } from '@patron/ops';
import { currentRequestId, maskPersonalData, requestIdFrom, runWithRequestId } from '@patron/shared-kernel';
import { Env } from './env';

const PINO_LEVELS: Record<Env['LOG_LEVEL'], pino.Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** Nest's start-up chatter (modules loaded, routes mapped), shown only from LOG_LEVEL=debug on. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Routes probed every few seconds: not worth a log line each. */
const QUIET_PATHS = /^\/(health|metrics)(\/|$)/;

type Request = IncomingMessage & { id?: string; originalUrl?: string; baseUrl?: string; route?: { path?: string } };

/**
 * The path to log: the matched route pattern (`/customers/:reference`), never path values such as a refresh token
 * nor the query string (searches hold emails); a path no route matched is logged with emails and tokens masked.
 */
const routeOf = (req: Request): string => matchedRoute(req) ?? maskPersonalData((req.originalUrl ?? req.url ?? '').split('?')[0]);

/** An error as pino writes it, every text in it masked: driver errors carry the values in `detail`, `sql` and such. */
const maskError = (error: unknown) => {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(serialized)) if (typeof value === 'string') serialized[key] = maskPersonalData(value);
  return serialized;
};

/**
 * The options of every Patron pino logger: the current request id on every entry, emails, tokens, password hashes and
 * SQL values masked in messages and errors, Nest's start-up chatter only from LOG_LEVEL=debug on.
 */
export const loggerOptions = (env: Pick<Env, 'LOG_LEVEL'>): pino.LoggerOptions => {
  const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'verbose';
  return {
    level: PINO_LEVELS[env.LOG_LEVEL],
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    serializers: { err: maskError, error: maskError },
    hooks: {
      logMethod(args, method) {
        const [first] = args as unknown[];
        const context = typeof first === 'object' && first !== null ? (first as { context?: unknown }).context : undefined;
        if (!debug && typeof context === 'string' && START_UP_CONTEXTS.has(context)) return;
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg)) as Parameters<typeof method>);
      },
    },
  };
};

let root: pino.Logger | undefined;

/** pino-pretty's stream, loaded only for readable lines (JSON lines, the production default, do without it). */
const prettyStream = (options: PrettyOptions) => (require('pino-pretty') as typeof import('pino-pretty')).PinoPretty(options);

/** The process's pino logger: JSON lines (`LOG_FORMAT=json`, the default in production) or readable lines. */
export const rootLogger = (env: Pick<Env, 'LOG_LEVEL' | 'LOG_FORMAT'>): pino.Logger => {
  if (root) return root;
  const options = loggerOptions(env);
  root =
    env.LOG_FORMAT === 'pretty'
      ? pino(options, prettyStream({ sync: true, colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,context,req,res,responseTime', messageFormat: '{if context}[{context}] {end}{msg}', singleLine: true }))
      : pino(options);
  return root;
};

/** nestjs-pino's settings for the Nest logger: the root logger (request lines come from `requestLogging`). */
const pinoParams = (env: Env): Params => ({ pinoHttp: { logger: rootLogger(env) } as Options });

/**
 * One line per answered request, written when the response is done: `info` with method, route pattern, status and
 * time (only when LOG_LEVEL lets info through; never for the /health and /metrics probes), `error` for a 5xx. The
 * request costs one listener and a clock reading: no child logger or serializer runs unless the line is written.
 */
export const requestLogging = (logger: pino.Logger) => (req: Request, res: ServerResponse, next: () => void): void => {
  if (QUIET_PATHS.test(req.url ?? '')) return next();
  const started = Date.now();
  res.once('close', () => {
    const failed = res.statusCode >= 500;
    if (!logger.isLevelEnabled(failed ? 'error' : 'info')) return;
    const route = routeOf(req);
    const responseTime = Date.now() - started;
    const line = { requestId: req.id, req: { id: req.id, method: req.method, route }, res: { statusCode: res.statusCode }, responseTime };
    if (failed) logger.error({ ...line, err: new Error(`failed with status code ${res.statusCode}`) }, `${req.method} ${route} ${res.statusCode} failed`);
    else logger.info(line, `${req.method} ${route} ${res.statusCode} ${responseTime} ms`);
  });
  next();
};

const REQUEST_LOGGER = Symbol('config.request-logger');

@Module({})
class RequestLoggingModule implements NestModule {
  constructor(@Inject(REQUEST_LOGGER) private readonly logger: pino.Logger) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestLogging(this.logger)).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}

/** Request logging for an HTTP app, on the root pino logger (see `requestLogging`). */
export const loggingModule = (env: Env): DynamicModule => ({
  module: RequestLoggingModule,
  providers: [{ provide: REQUEST_LOGGER, useValue: rootLogger(env) }],
});

/** The Nest logger of every Patron process, on the root pino logger. */
export const appLogger = (env: Env): LoggerService => {
  const params = pinoParams(env);
  return new Logger(new PinoLogger(params), params);
};

/**
 * Gives each request its id before anything else runs: the caller's `X-Request-Id` when acceptable, otherwise a
 * new one, echoed in the response, and runs the rest of the request under it (`currentRequestId()`). Request logs,
 * error answers, outbox rows and mail jobs carry it.
 */
export const useRequestIds = (app: INestApplication): void => {
  app.use((req: Request, res: ServerResponse, next: () => void) => {
    const id = requestIdFrom(req.headers['x-request-id']);
    req.id = id;
    res.setHeader('X-Request-Id', id);
    runWithRequestId(id, next);
  });
};
