import { CustomerHistory } from '@patron/customer-history';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, forkJoiningTransaction, hashSecretToken } from '@patron/shared-kernel';
import { Customer } from '../../domain/customer.entity';
import { EmailAlreadyRegisteredError, InvalidEmailChangeTokenError } from '../../domain/customer.errors';
import { CustomerRepository } from '../../persistence/customer.repository';
import { ConfirmEmailChangeCommand } from './confirm-email-change.command';

@CommandHandler(ConfirmEmailChangeCommand)
export class ConfirmEmailChangeHandler implements ICommandHandler<ConfirmEmailChangeCommand> {
  constructor(private readonly history: CustomerHistory, private readonly em: EntityManager, private readonly clock: Clock) {}

  async execute({ token }: ConfirmEmailChangeCommand): Promise<string> {
    try {
      return await forkJoiningTransaction(this.em).transactional(async (em) => {
        const now = this.clock.now();
        const customer = await em.findOne(
          Customer,
          { emailChangeTokenHash: hashSecretToken(token), anonymizedAt: null },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (!customer?.pendingEmail || (customer.emailChangeExpiresAt?.getTime() ?? 0) <= now.getTime()) {
          throw new InvalidEmailChangeTokenError();
        }
        // Someone may have registered the address since the change was asked for.
        if (await CustomerRepository.isEmailTaken(em, customer.pendingEmail, customer.id)) throw new EmailAlreadyRegisteredError();
        customer.confirmEmailChange(now);
        await this.history.record(em, customer.customerReference, 'email-change-confirmed');
        return customer.customerReference;
      });
    } catch (error) {
      if (CustomerRepository.isDuplicateEmail(error)) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }
}
