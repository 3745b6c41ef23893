import { CustomerFacade } from '@patron/customer';
import { CustomerHistory } from '@patron/customer-history';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { AddressConfig } from '../../address.config';
import { addressViolations } from '../../domain/address-rules';
import { invalidAddress } from '../../domain/address.errors';
import { AddressView, toAddressView } from '../../dto/address.dto';
import { AddressRepository } from '../../persistence/address.repository';
import { UpdateAddressCommand } from './update-address.command';

@CommandHandler(UpdateAddressCommand)
export class UpdateAddressHandler implements ICommandHandler<UpdateAddressCommand> {
  constructor(
    private readonly customers: CustomerFacade,
    private readonly history: CustomerHistory,
    private readonly em: EntityManager,
    private readonly config: AddressConfig,
    private readonly clock: Clock,
  ) {}

  async execute({ customerReference, uuid, changes }: UpdateAddressCommand): Promise<AddressView> {
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      // The customer's row lock: one address change at a time (defaults, limit), and none beside or after a deletion.
      await this.customers.lockLive(customerReference);
      const address = await AddressRepository.getOwn(em, customerReference, uuid);
      const { isDefaultBilling, isDefaultShipping, ...fields } = changes;
      const violations = addressViolations(fields.iso2Code ?? address.iso2Code, fields.zipCode ?? address.zipCode, this.config.checkPostalCodes);
      if (violations.length) throw invalidAddress(violations);
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) (address as unknown as Record<string, unknown>)[key] = value;
      await AddressRepository.makeDefault(em, address, isDefaultBilling === true, isDefaultShipping === true);
      address.updatedAt = this.clock.now();
      await em.flush();
      await this.history.record(em, customerReference, 'address-updated', { address: address.uuid });
      return toAddressView(address);
    });
  }
}
