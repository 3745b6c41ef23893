import { Command } from '@nestjs/cqrs';
import { UpdateCustomerInput } from '../../dto/customer.inputs';
import { CustomerView } from '../../dto/customer.view';

export class UpdateCustomerCommand extends Command<CustomerView> {
  /** `byStaff`: an email change applies at once, without the verification mail. */
  constructor(readonly reference: string, readonly changes: UpdateCustomerInput, readonly byStaff = false) {
    super();
  }
}
