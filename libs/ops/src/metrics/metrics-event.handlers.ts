import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { LoginFailed, LoginRefusedWhileBlocked } from '@patron/auth';
import { MailDelivered, MailDeliveryFailed } from '@patron/mail';
import { PatronMetrics } from './patron-metrics';

@EventsHandler(MailDelivered)
export class CountDeliveredMail implements IEventHandler<MailDelivered> {
  constructor(private readonly metrics: PatronMetrics) {}
  handle(event: MailDelivered): void {
    this.metrics.mailsSent.inc({ type: event.type });
  }
}

@EventsHandler(MailDeliveryFailed)
export class CountFailedMail implements IEventHandler<MailDeliveryFailed> {
  constructor(private readonly metrics: PatronMetrics) {}
  handle(event: MailDeliveryFailed): void {
    this.metrics.mailsFailed.inc();
    if (event.final) this.metrics.mailsDead.inc();
  }
}

@EventsHandler(LoginFailed)
export class CountFailedLogin implements IEventHandler<LoginFailed> {
  constructor(private readonly metrics: PatronMetrics) {}
  handle(event: LoginFailed): void {
    this.metrics.loginFailures.inc({ realm: event.realm });
  }
}

@EventsHandler(LoginRefusedWhileBlocked)
export class CountBlockedLogin implements IEventHandler<LoginRefusedWhileBlocked> {
  constructor(private readonly metrics: PatronMetrics) {}
  handle(event: LoginRefusedWhileBlocked): void {
    this.metrics.loginBlocks.inc({ realm: event.realm });
  }
}

export const METRICS_EVENT_HANDLERS = [CountDeliveredMail, CountFailedMail, CountFailedLogin, CountBlockedLogin];
