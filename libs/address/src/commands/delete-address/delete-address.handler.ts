import { CustomerFacade } from '@patron/customer';
import { CustomerHistory } from '@patron/customer-history';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { AddressRepository } from '../../persistence/address.repository';
import { DeleteAddressCommand } from './delete-address.command';

/** Deleting a default address leaves that default empty; no other address is promoted. */
@CommandHandler(DeleteAddressCommand)
export class DeleteAddressHandler implements ICommandHandler<DeleteAddressCommand> {
  constructor(private readonly customers: CustomerFacade, private readonly history: CustomerHistory, private readonly em: EntityManager) {}

  async execute({ customerReference, uuid }: DeleteAddressCommand): Promise<void> {
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      // The customer's row lock: one address change at a time (defaults, limit), and none beside or after a deletion.
      await this.customers.lockLive(customerReference);
      em.remove(await AddressRepository.getOwn(em, customerReference, uuid));
      await this.history.record(em, customerReference, 'address-deleted', { address: uuid });
    });
  }
}
