import { CustomerHistory } from '@patron/customer-history';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, hashSecretToken, forkJoiningTransaction } from '@patron/shared-kernel';
import { Customer } from '../../domain/customer.entity';
import { InvalidRegistrationKeyError } from '../../domain/customer.errors';
import { ConfirmCustomerRegistrationCommand } from './confirm-customer-registration.command';

@CommandHandler(ConfirmCustomerRegistrationCommand)
export class ConfirmCustomerRegistrationHandler implements ICommandHandler<ConfirmCustomerRegistrationCommand> {
  constructor(private readonly history: CustomerHistory, private readonly em: EntityManager, private readonly clock: Clock) {}

  async execute({ registrationKey }: ConfirmCustomerRegistrationCommand): Promise<string> {
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      const customer = await em.findOne(
        Customer,
        { registrationKeyHash: hashSecretToken(registrationKey), anonymizedAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!customer) throw new InvalidRegistrationKeyError();
      customer.confirmRegistration(registrationKey, this.clock.now());
      await this.history.record(em, customer.customerReference, 'confirmed');
      return customer.customerReference;
    });
  }
}
