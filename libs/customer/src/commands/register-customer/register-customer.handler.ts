import { CustomerHistory } from '@patron/customer-history';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@patron/outbox';
import { PasswordFacade } from '@patron/password';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CUSTOMER_MAIL_TYPES, CustomerConfig } from '../../customer.config';
import { customerMail } from '../customer-mail';
import { Customer } from '../../domain/customer.entity';
import { EmailAlreadyRegisteredError, UnsupportedLocaleError } from '../../domain/customer.errors';
import { CustomerView, toCustomerView } from '../../dto/customer.view';
import { CustomerRegistered } from '../../events/customer-registered.event';
import { CUSTOMER_REFERENCE_GENERATOR, CustomerReferenceGenerator } from '../../extension/customer-reference-generator';
import { POST_REGISTRATION_PLUGINS, PostRegistrationPlugin } from '../../extension/post-registration.plugin';
import { PRE_REGISTRATION_PLUGINS, PreRegistrationPlugin } from '../../extension/pre-registration.plugin';
import { CustomerRepository } from '../../persistence/customer.repository';
import { RegisterCustomerCommand } from './register-customer.command';

@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand> {
  constructor(
    private readonly history: CustomerHistory,
    private readonly em: EntityManager,
    private readonly config: CustomerConfig,
    private readonly passwords: PasswordFacade,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly events: EventBus,
    @Inject(CUSTOMER_REFERENCE_GENERATOR) private readonly references: CustomerReferenceGenerator,
    @Inject(POST_REGISTRATION_PLUGINS) private readonly plugins: PostRegistrationPlugin[],
    @Inject(PRE_REGISTRATION_PLUGINS) private readonly preRegistration: PreRegistrationPlugin[],
  ) {}

  async execute({ input }: RegisterCustomerCommand): Promise<CustomerView> {
    const locale = input.locale ?? this.config.defaultLocale;
    if (!this.config.locales.includes(locale)) throw new UnsupportedLocaleError(locale);
    for (const plugin of this.preRegistration) await plugin.beforeRegistration(input);
    // Hash before opening the transaction: it is the slow part and needs no locks.
    const passwordHash = await this.passwords.hashNewPassword(input.password);
    let view: CustomerView;
    try {
      view = await forkJoiningTransaction(this.em).transactional(async (em) => {
        if (await CustomerRepository.isEmailTaken(em, input.email)) throw new EmailAlreadyRegisteredError();
        const reference = await this.references.next(em);
        const { customer, registrationKey } = Customer.register(
          { ...input, reference, locale, passwordHash },
          this.clock.now(),
          this.config.doubleOptIn,
        );
        em.persist(customer);
        await this.history.record(em, reference, 'registered');
        if (registrationKey) {
          this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.registrationConfirmation, { secrets: { token: registrationKey } }));
        }
        await em.flush();
        const registered = toCustomerView(customer);
        for (const plugin of this.plugins) await plugin.afterRegistration(registered);
        return registered;
      });
    } catch (error) {
      if (CustomerRepository.isDuplicateEmail(error)) throw new EmailAlreadyRegisteredError();
      throw error;
    }
    this.events.publish(new CustomerRegistered(view.reference));
    return view;
  }
}
