import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OutboxFacade } from '@patron/outbox';
import { MailQueueProbe } from '../mail-queue-probe';

/**
 * The process's Prometheus metrics, on a registry of its own: HTTP request durations, outbox backlog, mail
 * outcomes, mail queue depth and login failures, plus Node's default process metrics. Gauges that need the database
 * or Redis are read when scraped; while those are down the last values stay.
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

  constructor(outbox: OutboxFacade, queue: MailQueueProbe) {
    collectDefaultMetrics({ register: this.registry, prefix: 'patron_' });
    const oldest = new Gauge({
      name: 'patron_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox message not yet delivered (0 when none)',
      registers: [this.registry],
    });
    new Gauge({
      name: 'patron_outbox_messages',
      help: 'Outbox messages waiting (pending, relayed) or given up (dead)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      // A scrape while the database is down keeps the last values rather than failing.
      async collect() {
        const backlog = await outbox.backlog().catch(() => null);
        if (!backlog) return;
        for (const status of ['pending', 'relayed', 'dead'] as const) this.set({ status }, backlog[status]);
        oldest.set(backlog.oldestUndeliveredAgeSeconds);
      },
    });
    if (queue.enabled) {
      new Gauge({
        name: 'patron_mail_queue_jobs',
        help: 'Jobs on the BullMQ mail queue by state',
        labelNames: ['state'] as const,
        registers: [this.registry],
        async collect() {
          const depth = await queue.depth().catch(() => null);
          for (const [state, count] of Object.entries(depth ?? {})) this.set({ state }, count);
        },
      });
    }
  }

  /** The exposition text. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
