import { DynamicModule, Module } from '@nestjs/common';
import { OutboxFacade } from '@patron/outbox';
import { MailboxReader } from './mailbox-reader';

export interface MailboxModuleOptions {
  /** The file sender's directory; null when mail goes to SMTP (the outbox is read instead). */
  mailDirectory: string | null;
}

/** The development mailbox's reader. Needs `OutboxFacade` (global from OutboxModule or provided by the app). */
@Module({})
export class MailboxModule {
  static forRoot(options: MailboxModuleOptions): DynamicModule {
    return {
      module: MailboxModule,
      providers: [{ provide: MailboxReader, useFactory: (outbox: OutboxFacade) => new MailboxReader(outbox, options.mailDirectory), inject: [OutboxFacade] }],
      exports: [MailboxReader],
    };
  }
}
