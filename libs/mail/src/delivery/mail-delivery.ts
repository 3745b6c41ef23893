import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DeliveryOutcome, OutboxFacade } from '@patron/outbox';
import { MAIL_SENDER, MailSender } from '../extension/mail-sender';
import { MailTemplates, UnknownMailTypeError } from '../templates/mail-templates';

/** Sends one outbox mail, whichever transport carried its id (BullMQ or in-process). */
@Injectable()
export class MailDelivery {
  constructor(
    private readonly outbox: OutboxFacade,
    private readonly templates: MailTemplates,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
  ) {}

  /**
   * Renders and sends the mail unless it was delivered already, and marks it delivered.
   * @throws UnrecoverableError when a retry cannot help (unknown template, recipient refused); other errors are
   *   worth retrying
   */
  deliver(outboxId: string): Promise<DeliveryOutcome> {
    return this.outbox.deliverOnce(outboxId, async (message) => {
      let rendered;
      try {
        rendered = this.templates.render(message.type, message.payload, message.payload.secrets);
      } catch (error) {
        if (error instanceof UnknownMailTypeError) throw new UnrecoverableError(error.message);
        throw error;
      }
      await this.sender.send({ id: message.id, ...rendered });
    });
  }

  /** Records a failed attempt; `final` marks the mail dead. */
  recordFailure(outboxId: string, error: Error, final: boolean): Promise<void> {
    return this.outbox.recordFailure(outboxId, error.message, final);
  }

  isPermanent(error: unknown): boolean {
    return error instanceof UnrecoverableError || (error as Error)?.name === 'UnrecoverableError';
  }
}
