import { Command } from '@nestjs/cqrs';
import { RegisterCustomerInput } from '../../dto/customer.inputs';
import { CustomerView } from '../../dto/customer.view';

export class RegisterCustomerCommand extends Command<CustomerView> {
  constructor(readonly input: RegisterCustomerInput) {
    super();
  }
}
