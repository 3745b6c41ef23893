import { MikroORM } from '@mikro-orm/core';
import { BeforeApplicationShutdown, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { OutboxFacade } from '@patron/outbox';
import { coalesce } from '../coalesce';
import { MailQueueProbe } from '../mail-queue-probe';
import { pendingMigrations } from './pending-migrations';
import { OpsConfig } from '../ops.config';
import { withTimeout } from '../with-timeout';

/**
 * The checks behind `/health/ready`: the database answers and has no pending migrations, Redis answers (when mail
 * goes through it), mail is not stuck in the outbox, and the process is not shutting down.
 */
@Injectable()
export class ReadinessChecks implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxFacade,
    private readonly queue: MailQueueProbe,
    private readonly config: OpsConfig,
    private readonly health: HealthIndicatorService,
    private readonly terminus: HealthCheckService,
  ) {}

  /**
   * Runs every check (requests arriving while a run is in flight share it) and tells whether the process is ready,
   * with terminus' report either way.
   */
  readonly run: () => Promise<{ ready: boolean; report: HealthCheckResult }> = coalesce(async () => {
    try {
      return { ready: true, report: await this.terminus.check(this.indicators()) };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      return { ready: false, report: error.getResponse() as HealthCheckResult };
    }
  });

  /** The indicator functions for terminus' `HealthCheckService.check`. */
  indicators(): (() => Promise<HealthIndicatorResult>)[] {
    return [
      () => this.check('process', async () => (this.shuttingDown ? Promise.reject(new Error('shutting down')) : {})),
      () => this.check('database', async () => void (await this.orm.em.fork().getConnection().execute('select 1'))),
      () => this.check('migrations', async () => {
        const pending = await pendingMigrations(this.orm);
        if (pending.length) throw new Error(`${pending.length} pending: ${pending.join(', ')}`);
      }),
      ...(this.queue.enabled ? [() => this.check('redis', () => this.queue.ping())] : []),
      () => this.check('outbox', async () => {
        const backlog = await this.outbox.backlog();
        const lag = Math.round(backlog.oldestUndeliveredAgeSeconds);
        const limit = this.config.maxOutboxLagSeconds;
        if (limit > 0 && lag > limit) throw new Error(`oldest undelivered message is ${lag} s old (limit ${limit} s)`);
        return { pending: backlog.pending, lagSeconds: lag };
      }),
    ];
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  private async check(key: string, probe: () => Promise<Record<string, unknown> | void>): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      return indicator.up((await withTimeout(probe(), this.config.checkTimeoutMs)) ?? {});
    } catch (error) {
      return indicator.down({ message: (error as Error).message.split('\n')[0].slice(0, 300) });
    }
  }
}
