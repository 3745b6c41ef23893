import { NewOutboxMessage } from '@patron/outbox';
import { CUSTOMER_MAIL_TYPES } from '../customer.config';
import { Customer } from '../domain/customer.entity';

/** The double opt-in mail with the raw registration key (kept only until the mail is delivered). */
export const registrationConfirmationMail = (customer: Customer, registrationKey: string): NewOutboxMessage => ({
  type: CUSTOMER_MAIL_TYPES.registrationConfirmation,
  subject: customer.customerReference,
  payload: {
    to: customer.email,
    locale: customer.locale,
    salutation: customer.salutation,
    firstName: customer.firstName,
    lastName: customer.lastName,
    secrets: { token: registrationKey },
  },
});
