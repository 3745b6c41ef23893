import { CustomerFacade } from '@patron/customer';
import { CustomerHistory } from '@patron/customer-history';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { AddressConfig } from '../../address.config';
import { addressViolations } from '../../domain/address-rules';
import { AddressLimitReachedError, invalidAddress } from '../../domain/address.errors';
import { CustomerAddress } from '../../domain/customer-address.entity';
import { AddressView, toAddressView } from '../../dto/address.dto';
import { AddressRepository } from '../../persistence/address.repository';
import { CreateAddressCommand } from './create-address.command';

@CommandHandler(CreateAddressCommand)
export class CreateAddressHandler implements ICommandHandler<CreateAddressCommand> {
  constructor(private readonly customers: CustomerFacade, private readonly history: CustomerHistory, private readonly em: EntityManager, private readonly config: AddressConfig, private readonly clock: Clock) {}

  async execute({ customerReference, input }: CreateAddressCommand): Promise<AddressView> {
    const violations = addressViolations(input.iso2Code, input.zipCode, this.config.checkPostalCodes);
    if (violations.length) throw invalidAddress(violations);
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      // The customer's row lock: one address change at a time (defaults, limit), and none beside or after a deletion.
      await this.customers.lockLive(customerReference);
      const existing = await em.find(CustomerAddress, { customerReference }, { fields: ['isDefaultBilling', 'isDefaultShipping'] });
      if (existing.length >= this.config.maxAddressesPerCustomer) throw new AddressLimitReachedError(this.config.maxAddressesPerCustomer);
      const { isDefaultBilling, isDefaultShipping, ...fields } = input;
      const now = this.clock.now();
      const address = Object.assign(new CustomerAddress(), fields, { customerReference, createdAt: now, updatedAt: now });
      em.persist(address);
      // The first address (or the first since the defaults were deleted) becomes the default.
      await AddressRepository.makeDefault(
        em,
        address,
        isDefaultBilling === true || !existing.some((a) => a.isDefaultBilling),
        isDefaultShipping === true || !existing.some((a) => a.isDefaultShipping),
      );
      await em.flush();
      await this.history.record(em, customerReference, 'address-added', { address: address.uuid });
      return toAddressView(address);
    });
  }
}
