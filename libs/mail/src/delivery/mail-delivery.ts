import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { UnrecoverableError } from 'bullmq';
import { DeliveryOutcome, OutboxFacade } from '@patron/outbox';
import { maskEmail, maskPersonalData } from '@patron/shared-kernel';
import { MailDelivered, MailDeliveryFailed } from '../events/mail-events';
import { MAIL_SENDER, MailSender } from '../extension/mail-sender';
import { MailTemplates, UnknownMailTypeError } from '../templates/mail-templates';

/** Sends one outbox mail, whichever transport carried its id (BullMQ or in-process). */
@Injectable()
export class MailDelivery {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly outbox: OutboxFacade,
    private readonly templates: MailTemplates,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    private readonly events: EventBus,
  ) {}

  /**
   * Renders and sends the mail unless it was delivered already, and marks it delivered.
   * @throws UnrecoverableError when a retry cannot help (unknown template, recipient refused); other errors are
   *   worth retrying
   */
  async deliver(outboxId: string): Promise<DeliveryOutcome> {
    let recipient = '';
    let type = '';
    const outcome = await this.outbox.deliverOnce(outboxId, async (message) => {
      let rendered;
      try {
        rendered = this.templates.render(message.type, message.payload, message.payload.secrets);
      } catch (error) {
        if (error instanceof UnknownMailTypeError) throw new UnrecoverableError(error.message);
        throw error;
      }
      [recipient, type] = [rendered.to, message.type];
      await this.sender.send({ id: message.id, ...rendered });
    });
    if (outcome === 'delivered') {
      this.logger.log(`Mail ${outboxId} sent to ${maskEmail(recipient)}`);
      this.events.publish(new MailDelivered(outboxId, type));
    }
    return outcome;
  }

  /**
   * Records a failed attempt; `final` marks the mail dead. Mail servers quote the recipient in their refusals: the
   * error is kept with emails and tokens masked.
   */
  async recordFailure(outboxId: string, error: Error, final: boolean): Promise<void> {
    await this.outbox.recordFailure(outboxId, maskPersonalData(error.message), final);
    this.events.publish(new MailDeliveryFailed(outboxId, final));
  }

  isPermanent(error: unknown): boolean {
    return error instanceof UnrecoverableError || (error as Error)?.name === 'UnrecoverableError';
  }
}
