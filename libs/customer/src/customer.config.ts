/** Settings of the customer module. */
export class CustomerConfig {
  /** References look like `DE--22`. */
  referencePrefix = 'DE';
  /** New customers must confirm their email before they can log in. */
  doubleOptIn = true;
  defaultLocale = 'en_US';
  locales: string[] = ['en_US', 'de_DE'];
  /** Lifetime of a password restore key. */
  restorePasswordKeyTtlSeconds = 2 * 3600;
  /** At most this many restore mails per customer within `restoreMailWindowSeconds`; further requests send nothing. */
  restoreMailLimit = 3;
  restoreMailWindowSeconds = 15 * 60;
  /** An email change applies only after the new address is verified (a mailed single-use token); off, at once as in Glue. */
  emailChangeVerification = false;
  emailChangeTtlSeconds = 30 * 60;
  /** A confirmation mail is sent again at most once per this interval. */
  confirmationResendIntervalSeconds = 15 * 60;

  static from(overrides: Partial<CustomerConfig> = {}): CustomerConfig {
    return Object.assign(new CustomerConfig(), overrides);
  }
}

export const SALUTATIONS = ['Mr', 'Mrs', 'Ms', 'Dr'] as const;
export type Salutation = (typeof SALUTATIONS)[number];
export const GENDERS = ['Male', 'Female'] as const;
export type Gender = (typeof GENDERS)[number];

/** The longest email, first or last name and phone number a customer may have (the storefront's and Spryker's limits). */
export const EMAIL_MAX_LENGTH = 100;
export const NAME_MAX_LENGTH = 100;
export const PHONE_MAX_LENGTH = 255;
/** Characters that first and last names may not contain. */
export const NAME_FORBIDDEN_CHARACTERS = /[:/<>]/;
/**
 * What no customer text field may hold: control characters (C0, DEL and C1, which would reach mails) and lone UTF-16
 * surrogates (which PostgreSQL cannot store).
 */
export const UNPRINTABLE_CHARACTERS = /\p{Cc}|\p{Cs}/u;

/** Mail types this module writes to the outbox. */
export const CUSTOMER_MAIL_TYPES = {
  registrationConfirmation: 'mail.customer-registration-confirmation',
  passwordRestore: 'mail.customer-password-restore',
  /** The restore mail worded for an account that shop staff created (the link sets the first password). */
  accountCreated: 'mail.customer-account-created',
  passwordChanged: 'mail.customer-password-changed',
  emailChangeVerification: 'mail.customer-email-change-verification',
  emailChangeNotice: 'mail.customer-email-change-notice',
  /** To the former address after an email change that applied at once. */
  emailChanged: 'mail.customer-email-changed',
} as const;
