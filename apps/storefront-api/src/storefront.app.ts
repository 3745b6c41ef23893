import { INestApplication, LoggerService, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Database, Env, PatronCoreModule } from '@patron/config';
import { StorefrontApiModule } from './storefront-api.module';
import { JSON_API_CONTENT_TYPE } from './glue/json-api';

@Module({})
export class StorefrontAppModule {
  static forRoot(env: Env, database: Database) {
    return { module: StorefrontAppModule, imports: [PatronCoreModule.forRoot(env, database), StorefrontApiModule.forRoot(env)] };
  }
}

/** HTTP settings every storefront instance needs: JSON:API bodies, JSON:API responses. */
export const configureStorefrontHttp = (app: NestExpressApplication, corsOrigins: string[] = ['*']): void => {
  app.enableCors({
    origin: corsOrigins.includes('*') ? true : corsOrigins,
    methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Accept-Language'],
    maxAge: 600,
  });
  app.useBodyParser('json', { type: ['application/json', JSON_API_CONTENT_TYPE, 'application/*+json'], limit: '100kb' });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req: unknown, res: { type: (t: string) => void }, next: () => void) => {
    res.type(JSON_API_CONTENT_TYPE);
    next();
  });
};

/** Creates (does not start) a storefront application. */
export const createStorefrontApp = async (
  root: unknown,
  logger: LoggerService | LogLevel[] | false = ['error', 'warn', 'log'],
  corsOrigins: string[] = ['*'],
): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(root as never, { bodyParser: false, logger });
  configureStorefrontHttp(app, corsOrigins);
  return app;
};
