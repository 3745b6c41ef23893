import { Command } from '@nestjs/cqrs';
import { CustomerView } from '../../dto/customer.view';

export class AuthenticateCustomerCommand extends Command<CustomerView> {
  constructor(readonly email: string, readonly password: string) {
    super();
  }
}
