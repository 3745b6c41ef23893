import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@patron/outbox';
import { Clock, forkJoiningTransaction, hashSecretToken, newSecretToken } from '@patron/shared-kernel';
import { CUSTOMER_MAIL_TYPES, CustomerConfig } from '../../customer.config';
import { Customer } from '../../domain/customer.entity';
import { normalizeEmail } from '../../domain/email-address';
import { customerMail } from '../customer-mail';
import { ResendRegistrationConfirmationCommand } from './resend-registration-confirmation.command';

/** For an unconfirmed live customer, at most once per window: a new registration key (the old one stops working) and a new mail. */
@CommandHandler(ResendRegistrationConfirmationCommand)
export class ResendRegistrationConfirmationHandler implements ICommandHandler<ResendRegistrationConfirmationCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly config: CustomerConfig,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ email }: ResendRegistrationConfirmationCommand): Promise<void> {
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      const now = this.clock.now();
      const customer = await em.findOne(
        Customer,
        { emailNormalized: normalizeEmail(email), anonymizedAt: null, registeredAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const since = new Date(now.getTime() - this.config.confirmationResendIntervalSeconds * 1000);
      const [{ sent }] = await em.execute<{ sent: string }[]>(
        `select count(*) as sent from outbox_message where subject = ? and type = ? and created_at > ?`,
        [customer?.customerReference ?? '', CUSTOMER_MAIL_TYPES.registrationConfirmation, since],
      );
      // Without a key (imported, or voided by a move to another address) no mail sent earlier can help: send one now.
      if (!customer || !this.config.doubleOptIn || (customer.registrationKeyHash && Number(sent) > 0)) return;
      const key = newSecretToken();
      customer.registrationKeyHash = hashSecretToken(key);
      customer.updatedAt = now;
      this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.registrationConfirmation, { secrets: { token: key } }));
    });
  }
}
