import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PasswordFacade } from '@patron/password';
import { CustomerConfig } from '../../customer.config';
import { Customer } from '../../domain/customer.entity';
import { AuthenticationFailedError } from '../../domain/customer.errors';
import { AuthenticatedCustomer, toCustomerView } from '../../dto/customer.view';
import { CustomerRepository } from '../../persistence/customer.repository';
import { AuthenticateCustomerCommand } from './authenticate-customer.command';

@CommandHandler(AuthenticateCustomerCommand)
export class AuthenticateCustomerHandler implements ICommandHandler<AuthenticateCustomerCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly config: CustomerConfig,
    private readonly passwords: PasswordFacade,
  ) {}

  async execute({ email, password }: AuthenticateCustomerCommand): Promise<AuthenticatedCustomer> {
    const started = performance.now();
    // The columns the check needs, without an entity: every login runs this, and the password hash is its real cost.
    const customer = await CustomerRepository.findLiveRow(this.em, 'emailNormalized', email, ['id', 'password_hash', 'token_version']);
    if (!customer?.passwordHash) {
      await this.passwords.verifyAgainstDummy(password);
      await this.passwords.equalizeFailure(started);
      throw new AuthenticationFailedError();
    }
    const { valid, upgradedHash } = await this.passwords.verify(customer.passwordHash, password);
    if (!valid || (this.config.doubleOptIn && customer.registeredAt == null)) {
      await this.passwords.equalizeFailure(started);
      throw new AuthenticationFailedError();
    }
    if (upgradedHash) {
      // Conditional on the old hash, so a password changed meanwhile is never overwritten.
      await this.em.nativeUpdate(Customer, { id: customer.id, passwordHash: customer.passwordHash }, { passwordHash: upgradedHash });
    }
    return { ...toCustomerView(customer as Customer), tokenVersion: customer.tokenVersion as number };
  }
}
