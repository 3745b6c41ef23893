import { NewOutboxMessage, OutboxPayload } from '@patron/outbox';
import { CUSTOMER_MAIL_TYPES } from '../customer.config';
import { Customer } from '../domain/customer.entity';

type CustomerMailType = (typeof CUSTOMER_MAIL_TYPES)[keyof typeof CUSTOMER_MAIL_TYPES];

/** An outbox mail about `customer`: to their address and in their locale unless `extra` says otherwise. */
export const customerMail = (customer: Customer, type: CustomerMailType, extra: OutboxPayload = {}): NewOutboxMessage => ({
  type,
  subject: customer.customerReference,
  payload: {
    to: customer.email,
    locale: customer.locale,
    salutation: customer.salutation,
    firstName: customer.firstName,
    lastName: customer.lastName,
    ...extra,
  },
});
