import { DynamicModule, Global, INestApplicationContext, LoggerService, LogLevel, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventBus } from '@nestjs/cqrs';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { answerClientErrorsWith, Database, Env, PatronCoreModule, useRequestIds } from '@patron/config';
import { PatronMetrics, ReadinessChecks, useHttpMetrics } from '@patron/ops';
import { OutboxFacade } from '@patron/outbox';
import { CustomerFacade } from '@patron/customer';
import { CustomerAccessFacade } from '@patron/customer-access';
import { UserFacade } from '@patron/user';
import { CustomerGroupFacade } from '@patron/customer-group';
import { CustomerNoteFacade } from '@patron/customer-note';
import { AddressFacade } from '@patron/address';
import { SalesFacade } from '@patron/sales';
import { CustomerHistory } from '@patron/customer-history';
import { CustomerDataExportFacade } from '@patron/customer-data-export';
import { actorFromRequest } from '@patron/shared-kernel';
import type { StaffClaims } from './auth/staff-auth';
import { BackofficeApiModule } from './backoffice-api.module';
import { QueueDashboard } from './queue-dashboard/queue-dashboard';
import { serveConsole } from './console/serve-console';
import { documentErrorAnswers } from './http/openapi';

/** The facades (and the event bus) the back office uses; in the all-in-one process they come from the main application. */
export const BACKOFFICE_FACADES: Type[] = [CustomerFacade, OutboxFacade, UserFacade, CustomerAccessFacade, CustomerGroupFacade, CustomerNoteFacade, AddressFacade, SalesFacade, CustomerHistory, CustomerDataExportFacade, EventBus,
  PatronMetrics, ReadinessChecks];

@Module({})
export class BackofficeAppModule {
  static forRoot(env: Env, database: Database): DynamicModule {
    return { module: BackofficeAppModule, imports: [PatronCoreModule.forRoot(env, database), BackofficeApiModule.forRoot(env)] };
  }
}

/** Provides facade instances of another application (one database connection, one ORM, per process). */
@Global()
@Module({})
class SharedFacadesModule {
  static from(app: INestApplicationContext, facades: Type[]): DynamicModule {
    const providers = facades.map((facade) => ({ provide: facade, useValue: app.get(facade) }));
    return { module: SharedFacadesModule, providers, exports: facades };
  }
}

/** The back-office API on the facades of `main` (used when everything runs in one process). */
@Module({})
export class SharedBackofficeAppModule {
  static forRoot(env: Env, main: INestApplicationContext): DynamicModule {
    return { module: SharedBackofficeAppModule, imports: [SharedFacadesModule.from(main, BACKOFFICE_FACADES), BackofficeApiModule.forRoot(env)] };
  }
}

export const createBackofficeApp = async (root: DynamicModule, logger: LoggerService | LogLevel[] | false, trustProxy: boolean | number | string = false) => {
  const app = await NestFactory.create<NestExpressApplication>(root, { logger });
  answerClientErrorsWith(app, 'application/json; charset=utf-8', (statusCode, error) => ({ statusCode, error, message: `${error}.` }));
  useRequestIds(app);
  // API answers hold customer data and tokens: no browser cache may keep them after sign-out.
  app.use('/api', (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The staff user authenticated by the guard is who changes data; requests without one act as the system.
  app.use(
    actorFromRequest((user) => (user ? { type: 'user', id: String((user as StaffClaims).userId), name: (user as StaffClaims).name } : null)),
  );
  useHttpMetrics(app, 'backoffice');
  app.get(QueueDashboard).mount(app);
  app.set('trust proxy', trustProxy);
  app.disable('x-powered-by');
  // The OpenAPI document is built on the first request for it (once), not at start: walking every route and turning
  // its schemas into JSON Schema is a good part of the start-up time and memory, for a page few processes serve.
  const document = () => {
    const built = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Patron back office')
        .setDescription('Customer management for shop staff. Sign in with POST /api/auth/login and send the token as a bearer token.')
        .addBearerAuth()
        .build(),
    );
    documentErrorAnswers(built);
    return built;
  };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs.json' });
  serveConsole(app);
  return app;
};
