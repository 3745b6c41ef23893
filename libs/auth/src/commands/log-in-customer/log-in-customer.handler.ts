import { forkJoiningTransaction } from '@patron/shared-kernel';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerFacade } from '@patron/customer';
import { TokenPair } from '../../dto/token-pair';
import { TokenIssuer } from '../../domain/token-issuer';
import { LogInCustomerCommand } from './log-in-customer.command';

@CommandHandler(LogInCustomerCommand)
export class LogInCustomerHandler implements ICommandHandler<LogInCustomerCommand> {
  constructor(private readonly em: EntityManager, private readonly customers: CustomerFacade, private readonly tokens: TokenIssuer) {}

  async execute({ username, password }: LogInCustomerCommand): Promise<TokenPair> {
    const customer = await this.customers.authenticate(username, password);
    return this.tokens.issue(forkJoiningTransaction(this.em), customer.reference, customer.tokenVersion);
  }
}
