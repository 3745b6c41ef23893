import { Command } from '@nestjs/cqrs';
import { CustomerProfile } from '../../domain/customer.entity';
import { CustomerView } from '../../dto/customer.view';

export interface StaffCreatedCustomer extends CustomerProfile {
  email: string;
  /** Mail a restore link so the customer sets the first password. */
  sendPasswordToken?: boolean;
}

/** A customer created by staff: confirmed, without a password. */
export class CreateCustomerByStaffCommand extends Command<CustomerView> {
  constructor(readonly input: StaffCreatedCustomer) {
    super();
  }
}

/** Staff confirm an unconfirmed customer by hand. */
export class ConfirmCustomerByStaffCommand extends Command<CustomerView> {
  constructor(readonly reference: string) {
    super();
  }
}

/** Staff set a new password: policies apply, every session ends, a notice is mailed. */
export class SetPasswordByStaffCommand extends Command<void> {
  constructor(readonly reference: string, readonly newPassword: string) {
    super();
  }
}
