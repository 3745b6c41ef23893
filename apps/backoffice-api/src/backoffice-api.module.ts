import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { QueueDashboard } from './queue-dashboard/queue-dashboard';
import { PassportModule } from '@nestjs/passport';
import { HealthController, MetricsController } from '@patron/ops';
import { LoginThrottle } from '@patron/auth';
import { Env, loggingModule, mailDirectory, redisOptions } from '@patron/config';
import { MailboxModule } from '@patron/mail';
import { UserFacade } from '@patron/user';
import { AuthController, BACKOFFICE_LOGIN_THROTTLE } from './auth/auth.controller';
import { StaffClaims, StaffGuard, StaffJwtStrategy } from './auth/staff-auth';
import { CustomerAccessController } from './customer-access/customer-access.controller';
import { CustomerGroupsController } from './customer-groups/customer-groups.controller';
import { CustomerNotesController } from './customer-notes/customer-notes.controller';
import { BackofficeCustomersController } from './customers/customers.controller';
import { DevMailboxController } from './dev-mailbox/dev-mailbox.controller';
import { BackofficeExceptionFilter } from './http/backoffice-error';
import { RejectNulCharactersPipe } from './http/reject-nul-characters.pipe';
import { SettingsController } from './settings/settings.controller';
import { UsersController } from './users/users.controller';

@Controller('api')
class BackofficeStatusController {
  /** Liveness of the back-office API. */
  @Get('status')
  status() {
    return { status: 'ok', service: 'backoffice-api' };
  }
}

/** Back-office REST API under `/api` (staff login, settings), and the development mailbox under `/dev/mailbox` outside production. */
@Module({})
export class BackofficeApiModule {
  static forRoot(env: Env): DynamicModule {
    const dev = env.NODE_ENV !== 'production';
    const redis = env.REDIS_URL ? { options: redisOptions(env.REDIS_URL), keyPrefix: env.QUEUE_PREFIX } : null;
    const limits = { loginFailureLimit: env.LOGIN_FAILURE_LIMIT, loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS, loginBlockSeconds: env.LOGIN_BLOCK_SECONDS };
    return {
      module: BackofficeApiModule,
      imports: [
        PassportModule,
        loggingModule(env),
        JwtModule.register({ secret: env.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        ...(dev ? [MailboxModule.forRoot({ mailDirectory: mailDirectory(env) })] : []),
      ],
      controllers: [HealthController, MetricsController, BackofficeStatusController, AuthController, CustomerAccessController, CustomerGroupsController, CustomerNotesController, BackofficeCustomersController, UsersController, SettingsController, ...(dev ? [DevMailboxController] : [])],
      providers: [
        { provide: StaffJwtStrategy, inject: [UserFacade], useFactory: (users: UserFacade) => new StaffJwtStrategy(env.JWT_SECRET, users) },
        StaffGuard,
        {
          provide: QueueDashboard,
          inject: [JwtService, UserFacade],
          useFactory: (jwt: JwtService, users: UserFacade) => new QueueDashboard(jwt, users, redis ? { connection: redis.options, prefix: env.QUEUE_PREFIX } : null),
        },
        { provide: BACKOFFICE_LOGIN_THROTTLE, useFactory: () => new LoginThrottle(limits, redis, 'backoffice-login-failures') },
        { provide: APP_FILTER, useClass: BackofficeExceptionFilter },
        { provide: APP_PIPE, useClass: RejectNulCharactersPipe },
      ],
    };
  }
}
