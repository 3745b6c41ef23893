export interface OutgoingMail {
  /** Stable id (the outbox id) so that a resend after a crash carries the same Message-ID. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one rendered mail. Throw `UnrecoverableError` (bullmq) for failures a retry cannot fix. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}
export const MAIL_SENDER = Symbol('mail.sender');
