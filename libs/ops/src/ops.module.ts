import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { OpsConfig } from './ops.config';
import { MailQueueConnection, MailQueueProbe, OPS_MAIL_QUEUE } from './mail-queue-probe';
import { PatronMetrics } from './metrics/patron-metrics';
import { METRICS_EVENT_HANDLERS } from './metrics/metrics-event.handlers';
import { ReadinessChecks } from './health/readiness';

export interface OpsModuleOptions {
  config?: Partial<OpsConfig>;
  /** The BullMQ mail queue's Redis, when mail goes through it: checked for readiness, its depth exported. */
  mailQueue?: MailQueueConnection;
}

/**
 * Health checks and metrics of one process. Global: apps add `HealthController` and `MetricsController` to their
 * HTTP modules. Needs the outbox module and MikroORM.
 */
@Module({})
export class OpsModule {
  static forRoot(options: OpsModuleOptions = {}): DynamicModule {
    return {
      module: OpsModule,
      global: true,
      imports: [CqrsModule, TerminusModule.forRoot({ logger: false })],
      providers: [
        { provide: OpsConfig, useValue: OpsConfig.from(options.config) },
        { provide: OPS_MAIL_QUEUE, useValue: options.mailQueue ?? null },
        MailQueueProbe,
        PatronMetrics,
        ReadinessChecks,
        ...METRICS_EVENT_HANDLERS,
      ],
      exports: [PatronMetrics, ReadinessChecks, TerminusModule],
    };
  }
}
