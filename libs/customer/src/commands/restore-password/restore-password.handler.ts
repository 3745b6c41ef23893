import { CustomerHistory } from '@patron/customer-history';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PasswordFacade } from '@patron/password';
import { Clock, forkJoiningTransaction, hashSecretToken } from '@patron/shared-kernel';
import { Customer } from '../../domain/customer.entity';
import { InvalidRestorePasswordKeyError, RestorePasswordKeyExpiredError } from '../../domain/customer.errors';
import { customerMail } from '../customer-mail';
import { CUSTOMER_MAIL_TYPES } from '../../customer.config';
import { OutboxWriter } from '@patron/outbox';
import { RestorePasswordCommand } from './restore-password.command';

@CommandHandler(RestorePasswordCommand)
export class RestorePasswordHandler implements ICommandHandler<RestorePasswordCommand> {
  constructor(
    private readonly history: CustomerHistory,
    private readonly em: EntityManager,
    private readonly passwords: PasswordFacade,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ restorePasswordKey, newPassword }: RestorePasswordCommand): Promise<string> {
    const keyHash = hashSecretToken(restorePasswordKey);
    const known = await forkJoiningTransaction(this.em).findOne(Customer, { restorePasswordKeyHash: keyHash, anonymizedAt: null });
    if (!known) throw new InvalidRestorePasswordKeyError();
    if ((known.restorePasswordKeyExpiresAt?.getTime() ?? 0) <= this.clock.now().getTime()) throw new RestorePasswordKeyExpiredError();
    const hash = await this.passwords.hashNewPassword(newPassword);
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      // Locked and checked again: of two resets with one key, only the first finds it.
      const customer = await em.findOne(Customer, { restorePasswordKeyHash: keyHash, anonymizedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!customer) throw new InvalidRestorePasswordKeyError();
      customer.restorePassword(hash, this.clock.now());
      await this.history.record(em, customer.customerReference, 'password-reset');
      this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.passwordChanged));
      return customer.customerReference;
    });
  }
}
