import { CustomerHistory } from '@patron/customer-history';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@patron/outbox';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CUSTOMER_MAIL_TYPES, CustomerConfig } from '../../customer.config';
import { normalizeEmail } from '../../domain/email-address';
import { Customer } from '../../domain/customer.entity';
import { customerMail } from '../customer-mail';
import { RequestPasswordRestoreCommand } from './request-password-restore.command';

/**
 * For a live customer: a new restore key replaces any earlier one and the restore mail goes to the outbox, unless
 * the customer already got `restoreMailLimit` restore mails within the window. Unknown emails do nothing, in the
 * same number of queries, so neither the answer nor its timing tells them apart.
 */
@CommandHandler(RequestPasswordRestoreCommand)
export class RequestPasswordRestoreHandler implements ICommandHandler<RequestPasswordRestoreCommand> {
  constructor(
    private readonly history: CustomerHistory,
    private readonly em: EntityManager,
    private readonly config: CustomerConfig,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ email }: RequestPasswordRestoreCommand): Promise<void> {
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      const now = this.clock.now();
      const customer = await em.findOne(
        Customer,
        { emailNormalized: normalizeEmail(email), anonymizedAt: null },
        // Locked so that concurrent requests for one customer cannot all pass the cap.
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const since = new Date(now.getTime() - this.config.restoreMailWindowSeconds * 1000);
      const [{ sent }] = await em.execute<{ sent: string }[]>(
        `select count(*) as sent from outbox_message where subject = ? and type = ? and created_at > ?`,
        [customer?.customerReference ?? '', CUSTOMER_MAIL_TYPES.passwordRestore, since],
      );
      if (!customer || Number(sent) >= this.config.restoreMailLimit) return;
      const key = customer.issueRestorePasswordKey(now, this.config.restorePasswordKeyTtlSeconds);
      await this.history.record(em, customer.customerReference, 'password-reset-requested');
      this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.passwordRestore, { secrets: { token: key } }));
    });
  }
}
