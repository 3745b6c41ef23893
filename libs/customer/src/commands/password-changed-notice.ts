import { NewOutboxMessage } from '@patron/outbox';
import { CUSTOMER_MAIL_TYPES } from '../customer.config';
import { Customer } from '../domain/customer.entity';

/** The "your password was changed" mail, sent after every change or reset. */
export const passwordChangedNotice = (customer: Customer): NewOutboxMessage => ({
  type: CUSTOMER_MAIL_TYPES.passwordChanged,
  subject: customer.customerReference,
  payload: {
    to: customer.email,
    locale: customer.locale,
    salutation: customer.salutation,
    firstName: customer.firstName,
    lastName: customer.lastName,
  },
});
