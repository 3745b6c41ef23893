/** Settings of the mail module. */
export class MailConfig {
  /** Sender address of every mail (`MAIL_FROM`). */
  from = 'Patron <no-reply@patron.local>';
  /** Public storefront base URL; links in mails start with it. */
  storefrontUrl = 'http://localhost:3000';
  /** Locale used when a message names none or one without templates. */
  defaultLocale = 'en_US';
  /** Mails processed at once per worker process. */
  concurrency = 16;
  /** Pooled connections of the SMTP sender. */
  smtpPoolSize = 4;

  static from(overrides: Partial<MailConfig> = {}): MailConfig {
    return Object.assign(new MailConfig(), overrides);
  }
}
