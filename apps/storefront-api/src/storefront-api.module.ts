import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { Env } from '@patron/config';
import { AccessTokensController } from './access-tokens/access-tokens.controller';
import { JwtStrategy } from './auth/jwt.strategy';
import { CustomerConfirmationController } from './customers/customer-confirmation.controller';
import { CustomerSchemas } from './customers/customer.schemas';
import { CustomersController } from './customers/customers.controller';
import { GlueExceptionFilter } from './glue/glue-exception.filter';
import { StorefrontLinks } from './glue/json-api';

/** The Glue-compatible storefront API (controllers only; the app's root module brings the core modules). */
@Module({})
export class StorefrontApiModule {
  static forRoot(env: Pick<Env, 'STOREFRONT_URL'>): DynamicModule {
    return {
      module: StorefrontApiModule,
      imports: [PassportModule],
      controllers: [CustomersController, CustomerConfirmationController, AccessTokensController],
      providers: [
        { provide: StorefrontLinks, useValue: new StorefrontLinks(env.STOREFRONT_URL) },
        { provide: APP_FILTER, useClass: GlueExceptionFilter },
        CustomerSchemas,
        JwtStrategy,
      ],
    };
  }
}
