import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OutboxFacade } from '@patron/outbox';
import { MailQueueProbe } from '../mail-queue-probe';
import { OpsConfig } from '../ops.config';
import { withTimeout } from '../with-timeout';
import { coalesce } from '../coalesce';

/**
 * The process's Prometheus metrics, on a registry of its own: HTTP request durations, outbox backlog, mail
 * outcomes, mail queue depth and login failures and blocks, plus Node's default process metrics. Gauges that need the
 * database or Redis are read when scraped, each read bounded by `OpsConfig.checkTimeoutMs`; while those are down or
 * hang the last values stay. Labels hold route patterns, mail types and realms only, never ids or personal data.
 */
@Injectable()
export class PatronMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'patron_http_request_duration_seconds',
    help: 'HTTP request durations by app, method, route and status',
    labelNames: ['app', 'method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly mailsSent = new Counter({ name: 'patron_mails_sent_total', help: 'Mails handed to the sender and recorded as delivered', labelNames: ['type'] as const, registers: [this.registry] });
  readonly mailsFailed = new Counter({ name: 'patron_mails_failed_total', help: 'Failed mail delivery attempts (each retry counts)', registers: [this.registry] });
  readonly mailsDead = new Counter({ name: 'patron_mails_dead_total', help: 'Mails given up after their last attempt or a permanent failure', registers: [this.registry] });
  readonly loginFailures = new Counter({ name: 'patron_login_failures_total', help: 'Failed logins', labelNames: ['realm'] as const, registers: [this.registry] });
  readonly loginBlocks = new Counter({ name: 'patron_login_blocked_total', help: 'Logins refused because the client IP + username is blocked', labelNames: ['realm'] as const, registers: [this.registry] });

  constructor(
    private readonly outbox: OutboxFacade,
    queue: MailQueueProbe,
    private readonly config: OpsConfig,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'patron_' });
    const backlog = () => this.backlog();
    const depth = coalesce(() => withTimeout(queue.depth(), config.checkTimeoutMs).catch(() => null));
    new Gauge({
      name: 'patron_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox message not yet delivered (pending or relayed; 0 when none)',
      registers: [this.registry],
      async collect() {
        const read = await backlog();
        if (read) this.set(read.oldestUndeliveredAgeSeconds);
      },
    });
    new Gauge({
      name: 'patron_outbox_messages',
      help: 'Outbox messages waiting (pending, relayed) or given up (dead)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      // A scrape while the database is down or hangs keeps the last values rather than failing or waiting.
      async collect() {
        const read = await backlog();
        if (read) for (const status of ['pending', 'relayed', 'dead'] as const) this.set({ status }, read[status]);
      },
    });
    if (queue.enabled) {
      new Gauge({
        name: 'patron_mail_queue_jobs',
        help: 'Jobs on the BullMQ mail queue by state',
        labelNames: ['state'] as const,
        registers: [this.registry],
        async collect() {
          for (const [state, count] of Object.entries((await depth()) ?? {})) this.set({ state }, count);
        },
      });
    }
  }

  /** The backlog, read once for the gauges collected together (one scrape) and for scrapes at the same moment. */
  private readonly backlog = coalesce(() => withTimeout(this.outbox.backlog(), this.config.checkTimeoutMs).catch(() => null));

  /** The exposition text. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
