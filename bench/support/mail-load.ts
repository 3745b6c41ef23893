/** What the mail benchmark sends: one mail type, and the payload of the i-th mail (as the outbox rows hold it). */
export const MAIL_BENCH_TYPE = 'mail.customer-registration-confirmation';

/** The baseline's queue: plain BullMQ jobs, no outbox. */
export const PLAIN_MAIL_QUEUE = 'plain-mail';

export const mailBenchPayload = (i: number) => ({
  to: `bench${i}@example.com`,
  locale: 'en_US',
  salutation: 'Ms',
  firstName: 'Ada',
  lastName: 'Lovelace',
  secrets: { token: `token-${i}-${'x'.repeat(40)}` },
});
