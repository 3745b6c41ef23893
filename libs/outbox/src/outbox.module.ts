import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { OutboxConfig } from './outbox.config';
import { OutboxMessage } from './domain/outbox-message.entity';
import { OutboxWriter } from './outbox.writer';
import { OutboxFacade } from './outbox.facade';

export interface OutboxModuleOptions {
  config?: Partial<OutboxConfig>;
}

/**
 * Writing and delivery bookkeeping of outbox messages. The relay (`OutboxRelay`) is provided by the processes
 * that run it, next to an `OUTBOX_DISPATCHER` of their choice.
 */
@Module({})
export class OutboxModule {
  /** Global, so every module's handlers can inject `OutboxWriter`. */
  static forRoot(options: OutboxModuleOptions = {}): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      imports: [MikroOrmModule.forFeature([OutboxMessage])],
      providers: [{ provide: OutboxConfig, useValue: OutboxConfig.from(options.config) }, OutboxWriter, OutboxFacade],
      exports: [OutboxWriter, OutboxFacade, OutboxConfig],
    };
  }
}
