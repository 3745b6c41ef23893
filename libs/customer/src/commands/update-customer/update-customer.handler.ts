import { CustomerHistory } from '@patron/customer-history';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@patron/outbox';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CUSTOMER_MAIL_TYPES, CustomerConfig } from '../../customer.config';
import { Customer } from '../../domain/customer.entity';
import { normalizeEmail } from '../../domain/email-address';
import { CustomerNotFoundError, EmailAlreadyRegisteredError, UnsupportedLocaleError } from '../../domain/customer.errors';
import { CustomerView, toCustomerView } from '../../dto/customer.view';
import { CustomerRepository } from '../../persistence/customer.repository';
import { customerMail } from '../customer-mail';
import { PRE_UPDATE_PLUGINS, PreUpdatePlugin } from '../../extension/pre-update.plugin';
import { UpdateCustomerCommand } from './update-customer.command';

@CommandHandler(UpdateCustomerCommand)
export class UpdateCustomerHandler implements ICommandHandler<UpdateCustomerCommand> {
  constructor(
    private readonly history: CustomerHistory,
    private readonly em: EntityManager,
    private readonly config: CustomerConfig,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(PRE_UPDATE_PLUGINS) private readonly plugins: PreUpdatePlugin[],
  ) {}

  async execute({ reference, changes: requested, byStaff }: UpdateCustomerCommand): Promise<CustomerView> {
    let changes = requested;
    if (changes.locale !== undefined && !this.config.locales.includes(changes.locale)) {
      throw new UnsupportedLocaleError(changes.locale);
    }
    try {
      return await forkJoiningTransaction(this.em).transactional(async (em) => {
        const customer = await CustomerRepository.findLiveByReference(em, reference, true);
        if (!customer) throw new CustomerNotFoundError(reference);
        if (!byStaff) {
          for (const plugin of this.plugins) changes = (await plugin.beforeUpdate(toCustomerView(customer), { ...changes })) ?? changes;
          if (changes.locale !== undefined && !this.config.locales.includes(changes.locale)) throw new UnsupportedLocaleError(changes.locale);
        }
        const now = this.clock.now();
        const { email, ...profile } = changes;
        const record = customer as unknown as Record<string, unknown>;
        const fields = Object.entries(profile).filter(([key, value]) => value !== undefined && value !== record[key]).map(([key]) => key);
        customer.applyProfile(profile, now);
        if (email !== undefined && normalizeEmail(email) === customer.emailNormalized) {
          // The current address (perhaps in other letter case): nothing to verify, and an earlier change asked for
          // (a mistyped address, say) no longer applies.
          customer.cancelEmailChange();
          if (email !== customer.email) {
            customer.setEmail(email);
            fields.push('email');
          }
        } else if (email !== undefined) {
          if (await CustomerRepository.isEmailTaken(em, email, customer.id)) throw new EmailAlreadyRegisteredError();
          if (this.config.emailChangeVerification && !byStaff) {
            this.requestVerification(em, customer, email, now);
            await this.history.record(em, reference, 'email-change-requested', { newEmail: email });
          } else {
            // Self-service changes tell the former address (a taken-over session must not go unnoticed); staff correct
            // addresses, often mistyped ones, and are not mailed about.
            if (!byStaff) this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.emailChanged, { newEmail: email }));
            customer.moveToEmail(email);
            fields.push('email');
          }
        }
        if (fields.length) await this.history.record(em, reference, 'profile-updated', { fields });
        await em.flush();
        return toCustomerView(customer);
      });
    } catch (error) {
      if (CustomerRepository.isDuplicateEmail(error)) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }

  /** Mails a single-use token to the new address and a notice to the current one; the email stays as it is. */
  private requestVerification(em: EntityManager, customer: Customer, email: string, now: Date): void {
    const token = customer.requestEmailChange(email, now, this.config.emailChangeTtlSeconds);
    this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.emailChangeVerification, { to: email, secrets: { token } }));
    this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.emailChangeNotice, { newEmail: email }));
  }
}
