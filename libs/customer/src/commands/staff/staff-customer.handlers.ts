import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { CustomerHistory } from '@patron/customer-history';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@patron/outbox';
import { PasswordFacade } from '@patron/password';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CUSTOMER_MAIL_TYPES, CustomerConfig } from '../../customer.config';
import { Customer } from '../../domain/customer.entity';
import { CustomerNotFoundError, EmailAlreadyRegisteredError, UnsupportedLocaleError } from '../../domain/customer.errors';
import { CustomerView, toCustomerView } from '../../dto/customer.view';
import { CUSTOMER_REFERENCE_GENERATOR, CustomerReferenceGenerator } from '../../extension/customer-reference-generator';
import { CustomerRepository } from '../../persistence/customer.repository';
import { customerMail } from '../customer-mail';
import { ConfirmCustomerByStaffCommand, CreateCustomerByStaffCommand, SetPasswordByStaffCommand } from './staff-customer.commands';

@CommandHandler(CreateCustomerByStaffCommand)
export class CreateCustomerByStaffHandler implements ICommandHandler<CreateCustomerByStaffCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly history: CustomerHistory,
    private readonly config: CustomerConfig,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(CUSTOMER_REFERENCE_GENERATOR) private readonly references: CustomerReferenceGenerator,
  ) {}

  async execute({ input }: CreateCustomerByStaffCommand): Promise<CustomerView> {
    const { sendPasswordToken, ...fields } = input;
    const locale = fields.locale ?? this.config.defaultLocale;
    if (!this.config.locales.includes(locale)) throw new UnsupportedLocaleError(locale);
    try {
      return await forkJoiningTransaction(this.em).transactional(async (em) => {
        if (await CustomerRepository.isEmailTaken(em, fields.email)) throw new EmailAlreadyRegisteredError();
        const now = this.clock.now();
        const reference = await this.references.next(em);
        const { customer } = Customer.register({ ...fields, reference, locale, passwordHash: null }, now, false);
        em.persist(customer);
        await this.history.record(em, reference, 'registered', { byStaff: true });
        if (sendPasswordToken) {
          const key = customer.issueRestorePasswordKey(now, this.config.restorePasswordKeyTtlSeconds);
          this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.accountCreated, { secrets: { token: key } }));
          await this.history.record(em, reference, 'password-reset-requested');
        }
        await em.flush();
        return toCustomerView(customer);
      });
    } catch (error) {
      if (CustomerRepository.isDuplicateEmail(error)) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }
}

@CommandHandler(ConfirmCustomerByStaffCommand)
export class ConfirmCustomerByStaffHandler implements ICommandHandler<ConfirmCustomerByStaffCommand> {
  constructor(private readonly em: EntityManager, private readonly history: CustomerHistory, private readonly clock: Clock) {}

  async execute({ reference }: ConfirmCustomerByStaffCommand): Promise<CustomerView> {
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      const customer = await CustomerRepository.findLiveByReference(em, reference, true);
      if (!customer) throw new CustomerNotFoundError(reference);
      if (!customer.isConfirmed) {
        customer.registeredAt = this.clock.now();
        customer.registrationKeyHash = null;
        customer.updatedAt = customer.registeredAt;
        await this.history.record(em, reference, 'confirmed', { byStaff: true });
      }
      return toCustomerView(customer);
    });
  }
}

@CommandHandler(SetPasswordByStaffCommand)
export class SetPasswordByStaffHandler implements ICommandHandler<SetPasswordByStaffCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly history: CustomerHistory,
    private readonly passwords: PasswordFacade,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ reference, newPassword }: SetPasswordByStaffCommand): Promise<void> {
    const hash = await this.passwords.hashNewPassword(newPassword);
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      const customer = await em.findOne(Customer, { customerReference: reference, anonymizedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!customer) throw new CustomerNotFoundError(reference);
      customer.changePasswordHash(hash, this.clock.now());
      this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.passwordChanged));
      await this.history.record(em, reference, 'password-changed', { byStaff: true });
    });
  }
}
