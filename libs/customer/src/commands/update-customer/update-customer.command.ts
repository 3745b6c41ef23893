import { Command } from '@nestjs/cqrs';
import { UpdateCustomerInput } from '../../dto/customer.inputs';
import { CustomerView } from '../../dto/customer.view';

export class UpdateCustomerCommand extends Command<CustomerView> {
  constructor(readonly reference: string, readonly changes: UpdateCustomerInput) {
    super();
  }
}
