import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { CustomerNotFoundError } from '../../domain/customer.errors';
import { CustomerRepository } from '../../persistence/customer.repository';
import { LockLiveCustomerCommand } from './lock-live-customer.command';

/**
 * Takes the same row lock as the anonymization, in the caller's transaction: a deletion waits for the caller to
 * commit, and a caller that waited for a deletion finds the customer gone (the row is read again after the wait).
 */
@CommandHandler(LockLiveCustomerCommand)
export class LockLiveCustomerHandler implements ICommandHandler<LockLiveCustomerCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ reference }: LockLiveCustomerCommand): Promise<void> {
    if (!(await CustomerRepository.lockLive(forkJoiningTransaction(this.em), reference))) throw new CustomerNotFoundError(reference);
  }
}
