import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CustomerConfig } from '../../customer.config';
import { normalizeEmail } from '../../domain/email-address';
import { CustomerNotFoundError, EmailAlreadyRegisteredError, UnsupportedLocaleError } from '../../domain/customer.errors';
import { CustomerView, toCustomerView } from '../../dto/customer.view';
import { CustomerRepository } from '../../persistence/customer.repository';
import { UpdateCustomerCommand } from './update-customer.command';

@CommandHandler(UpdateCustomerCommand)
export class UpdateCustomerHandler implements ICommandHandler<UpdateCustomerCommand> {
  constructor(private readonly em: EntityManager, private readonly config: CustomerConfig, private readonly clock: Clock) {}

  async execute({ reference, changes }: UpdateCustomerCommand): Promise<CustomerView> {
    if (changes.locale !== undefined && !this.config.locales.includes(changes.locale)) {
      throw new UnsupportedLocaleError(changes.locale);
    }
    try {
      return await forkJoiningTransaction(this.em).transactional(async (em) => {
        const customer = await CustomerRepository.findLiveByReference(em, reference, true);
        if (!customer) throw new CustomerNotFoundError(reference);
        const { email, ...profile } = changes;
        if (email !== undefined && email !== customer.email) {
          if (normalizeEmail(email) !== customer.emailNormalized && (await CustomerRepository.isEmailTaken(em, email, customer.id))) {
            throw new EmailAlreadyRegisteredError();
          }
          customer.setEmail(email);
        }
        customer.applyProfile(profile, this.clock.now());
        await em.flush();
        return toCustomerView(customer);
      });
    } catch (error) {
      if (CustomerRepository.isDuplicateEmail(error)) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }
}
