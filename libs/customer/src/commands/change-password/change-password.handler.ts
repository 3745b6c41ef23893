import { CustomerHistory } from '@patron/customer-history';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@patron/outbox';
import { PasswordFacade } from '@patron/password';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { Customer } from '../../domain/customer.entity';
import { CustomerNotFoundError, InvalidCurrentPasswordError } from '../../domain/customer.errors';
import { CustomerRepository } from '../../persistence/customer.repository';
import { customerMail } from '../customer-mail';
import { CUSTOMER_MAIL_TYPES } from '../../customer.config';
import { ChangePasswordCommand } from './change-password.command';

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly history: CustomerHistory,
    private readonly em: EntityManager,
    private readonly passwords: PasswordFacade,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ reference, currentPassword, newPassword, keepTokenId }: ChangePasswordCommand): Promise<void> {
    const current = await CustomerRepository.findLiveByReference(forkJoiningTransaction(this.em), reference);
    if (!current) throw new CustomerNotFoundError(reference);
    const { valid } = current.passwordHash ? await this.passwords.verify(current.passwordHash, currentPassword) : { valid: false };
    if (!valid) throw new InvalidCurrentPasswordError();
    const hash = await this.passwords.hashNewPassword(newPassword);
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      const customer = await em.findOne(Customer, { id: current.id, anonymizedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Changed by someone else meanwhile: the current password checked above may no longer be the current one.
      if (!customer || customer.passwordHash !== current.passwordHash) throw new InvalidCurrentPasswordError();
      customer.changePasswordHash(hash, this.clock.now(), keepTokenId);
      await this.history.record(em, customer.customerReference, 'password-changed');
      this.outbox.add(em, customerMail(customer, CUSTOMER_MAIL_TYPES.passwordChanged));
    });
  }
}
