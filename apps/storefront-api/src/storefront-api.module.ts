import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HealthController, MetricsController } from '@patron/ops';
import { Env, loggingModule, redisOptions } from '@patron/config';
import { AfterResponse } from './glue/after-response';
import { MAIL_REQUEST_THROTTLE, IpThrottle } from './glue/ip-throttle';
import { LoginThrottle } from '@patron/auth';
import { CURRENT_PASSWORD_THROTTLE } from './passwords/current-password-throttle';
import { PasswordSchemas } from './passwords/password.schemas';
import { PasswordsController } from './passwords/passwords.controller';
import { AccessTokensController } from './access-tokens/access-tokens.controller';
import { CustomerConfirmationController } from './customers/customer-confirmation.controller';
import { CustomerSchemas } from './customers/customer.schemas';
import { CustomersController } from './customers/customers.controller';
import { CustomerAccessController } from './customers/customer-access.controller';
import { AddressesController } from './addresses/addresses.controller';
import { OrdersController } from './orders/orders.controller';
import { GlueExceptionFilter } from './glue/glue-exception.filter';
import { StorefrontLinks } from './glue/json-api';

/** The Glue-compatible storefront API (controllers only; the app's root module brings the core modules). */
@Module({})
export class StorefrontApiModule {
  static forRoot(env: Env): DynamicModule {
    const redis = env.REDIS_URL ? { options: redisOptions(env.REDIS_URL), keyPrefix: env.QUEUE_PREFIX } : undefined;
    return {
      module: StorefrontApiModule,
      imports: [loggingModule(env)],
      controllers: [HealthController, MetricsController, CustomersController, CustomerConfirmationController, AccessTokensController, PasswordsController, CustomerAccessController, AddressesController, OrdersController],
      providers: [
        { provide: StorefrontLinks, useValue: new StorefrontLinks(env.STOREFRONT_URL) },
        { provide: APP_FILTER, useClass: GlueExceptionFilter },
        CustomerSchemas,
        PasswordSchemas,
        AfterResponse,
        {
          provide: MAIL_REQUEST_THROTTLE,
          useFactory: () => new IpThrottle({ name: 'mail-requests', points: env.FORGOTTEN_PASSWORD_LIMIT_PER_IP, durationSeconds: 900, redis }),
        },
        {
          provide: CURRENT_PASSWORD_THROTTLE,
          useFactory: () =>
            new LoginThrottle(
              { loginFailureLimit: env.LOGIN_FAILURE_LIMIT, loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS, loginBlockSeconds: env.LOGIN_BLOCK_SECONDS },
              redis ?? null,
              'current-password-failures',
            ),
        },
      ],
    };
  }
}
