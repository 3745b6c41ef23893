import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AuthConfig } from './auth.config';
import { AuthFacade } from './auth.facade';
import { ForgetTokenVersionOnAnonymization } from './events/forget-token-version.handler';
import { RefreshToken } from './domain/refresh-token.entity';
import { TokenIssuer } from './domain/token-issuer';
import { LoginThrottle, LoginThrottleRedis } from './domain/login-throttle';
import { LogInCustomerHandler } from './commands/log-in-customer/log-in-customer.handler';
import { RefreshAccessTokenHandler } from './commands/refresh-access-token/refresh-access-token.handler';
import { RevokeRefreshTokensHandler } from './commands/revoke-refresh-tokens/revoke-refresh-tokens.handler';
import { PurgeExpiredRefreshTokensHandler } from './commands/purge-expired-refresh-tokens/purge-expired-refresh-tokens.handler';

export interface AuthModuleOptions {
  config: Partial<AuthConfig> & { jwtSecret: string };
  /** Redis for the failed-login counters, shared by every API process; without it they are kept in memory. */
  loginThrottleRedis?: LoginThrottleRedis;
}

/** Customer tokens: login, refresh rotation, revocation. Global; needs CustomerModule. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const config = AuthConfig.from(options.config);
    return {
      module: AuthModule,
      global: true,
      imports: [
        CqrsModule,
        MikroOrmModule.forFeature([RefreshToken]),
        JwtModule.register({
          // A key object made once: given the secret as a string, jsonwebtoken builds one on every sign and verify.
          secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      providers: [
        { provide: AuthConfig, useValue: config },
        TokenIssuer,
        { provide: LoginThrottle, useFactory: () => new LoginThrottle(config, options.loginThrottleRedis ?? null) },
        LogInCustomerHandler,
        RefreshAccessTokenHandler,
        RevokeRefreshTokensHandler,
        PurgeExpiredRefreshTokensHandler,
        AuthFacade,
        ForgetTokenVersionOnAnonymization,
      ],
      exports: [AuthFacade, AuthConfig],
    };
  }
}
