import { Command } from '@nestjs/cqrs';
import { AuthenticatedCustomer } from '../../dto/customer.view';

export class AuthenticateCustomerCommand extends Command<AuthenticatedCustomer> {
  constructor(readonly email: string, readonly password: string) {
    super();
  }
}
