import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { Env, mailDirectory } from '@patron/config';
import { MailboxModule } from '@patron/mail';
import { DevMailboxController } from './dev-mailbox/dev-mailbox.controller';

@Controller('api')
class BackofficeStatusController {
  /** Liveness of the back-office API (the customer management endpoints come with the back-office work). */
  @Get('status')
  status() {
    return { status: 'ok', service: 'backoffice-api' };
  }
}

/** Back-office REST API under `/api`, and the development mailbox under `/dev/mailbox` outside production. */
@Module({})
export class BackofficeApiModule {
  static forRoot(env: Pick<Env, 'NODE_ENV' | 'SMTP_URL' | 'DATA_DIR'>): DynamicModule {
    const dev = env.NODE_ENV !== 'production';
    return {
      module: BackofficeApiModule,
      imports: dev ? [MailboxModule.forRoot({ mailDirectory: mailDirectory(env) })] : [],
      controllers: [BackofficeStatusController, ...(dev ? [DevMailboxController] : [])],
    };
  }
}
