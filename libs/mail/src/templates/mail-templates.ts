import { Inject, Injectable, Optional } from '@nestjs/common';
import type Handlebars from 'handlebars';
import { DomainError } from '@patron/shared-kernel';
import { MailConfig } from '../mail.config';
import { LocalizedMailTemplate } from './mail-template';
import { MAIL_TEMPLATE_LOADER, MailTemplateLoader } from '../extension/mail-template-loader';
import { CUSTOMER_REGISTRATION_CONFIRMATION_TEMPLATE } from './customer-registration-confirmation.template';
import { CUSTOMER_PASSWORD_RESTORE_TEMPLATE } from './customer-password-restore.template';
import { CUSTOMER_ACCOUNT_CREATED_TEMPLATE } from './customer-account-created.template';
import { CUSTOMER_PASSWORD_CHANGED_TEMPLATE } from './customer-password-changed.template';
import { CUSTOMER_EMAIL_CHANGE_NOTICE_TEMPLATE, CUSTOMER_EMAIL_CHANGE_VERIFICATION_TEMPLATE, CUSTOMER_EMAIL_CHANGED_TEMPLATE } from './customer-email-change.template';

export const MAIL_TYPES = {
  customerRegistrationConfirmation: 'mail.customer-registration-confirmation',
  customerPasswordRestore: 'mail.customer-password-restore',
  customerAccountCreated: 'mail.customer-account-created',
  customerPasswordChanged: 'mail.customer-password-changed',
  customerEmailChangeVerification: 'mail.customer-email-change-verification',
  customerEmailChangeNotice: 'mail.customer-email-change-notice',
  customerEmailChanged: 'mail.customer-email-changed',
} as const;

/** Path under the storefront URL that each mail type links to; the raw token is appended as `?token=`. */
const LINK_PATHS: Record<string, string> = {
  [MAIL_TYPES.customerRegistrationConfirmation]: '/register/confirm',
  [MAIL_TYPES.customerPasswordRestore]: '/password/restore',
  [MAIL_TYPES.customerAccountCreated]: '/password/restore',
  [MAIL_TYPES.customerEmailChangeVerification]: '/email-change/confirm',
};

const BUILT_IN: Record<string, LocalizedMailTemplate> = {
  [MAIL_TYPES.customerRegistrationConfirmation]: CUSTOMER_REGISTRATION_CONFIRMATION_TEMPLATE,
  [MAIL_TYPES.customerPasswordRestore]: CUSTOMER_PASSWORD_RESTORE_TEMPLATE,
  [MAIL_TYPES.customerAccountCreated]: CUSTOMER_ACCOUNT_CREATED_TEMPLATE,
  [MAIL_TYPES.customerPasswordChanged]: CUSTOMER_PASSWORD_CHANGED_TEMPLATE,
  [MAIL_TYPES.customerEmailChangeVerification]: CUSTOMER_EMAIL_CHANGE_VERIFICATION_TEMPLATE,
  [MAIL_TYPES.customerEmailChangeNotice]: CUSTOMER_EMAIL_CHANGE_NOTICE_TEMPLATE,
  [MAIL_TYPES.customerEmailChanged]: CUSTOMER_EMAIL_CHANGED_TEMPLATE,
};

/** The templates that ship with Patron (en_US and de_DE). */
export class BuiltInMailTemplateLoader implements MailTemplateLoader {
  load(type: string): LocalizedMailTemplate | undefined {
    return BUILT_IN[type];
  }
}

/** Salutations as a letter in the locale writes them ("Hallo Frau Weber", not "Hallo Ms Weber"). */
const SALUTATIONS: Record<string, Record<string, string>> = {
  de_DE: { Mr: 'Herr', Mrs: 'Frau', Ms: 'Frau', Dr: 'Dr.' },
};
const localizedSalutation = (salutation: unknown, locale: string): unknown =>
  typeof salutation === 'string' ? (SALUTATIONS[locale]?.[salutation] ?? salutation) : salutation;

export class UnknownMailTypeError extends DomainError {
  readonly code = 'MAIL.UNKNOWN_TYPE';
  readonly kind = 'rejected';
  constructor(type: string) {
    super(`No mail template for type "${type}"`);
  }
}

export interface RenderedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

type Compiled = { subject: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate; html: Handlebars.TemplateDelegate };

/** Renders outbox mail payloads in the recipient's locale. */
@Injectable()
export class MailTemplates {
  private readonly compiled = new Map<string, Compiled>();
  private readonly sources = new Map<string, LocalizedMailTemplate | undefined>();
  private readonly loader: MailTemplateLoader;

  constructor(private readonly config: MailConfig, @Optional() @Inject(MAIL_TEMPLATE_LOADER) loader?: MailTemplateLoader) {
    this.loader = loader ?? new BuiltInMailTemplateLoader();
  }

  private source(type: string): LocalizedMailTemplate | undefined {
    if (!this.sources.has(type)) this.sources.set(type, this.loader.load(type));
    return this.sources.get(type);
  }

  /**
   * Renders a mail. `payload.to` is the recipient, `payload.locale` picks the language (falling back to the
   * default locale), `secrets.token` becomes the link.
   * @throws UnknownMailTypeError
   */
  render(type: string, payload: Record<string, unknown>, secrets: Record<string, string> = {}): RenderedMail {
    const locales = this.source(type);
    if (!locales) throw new UnknownMailTypeError(type);
    const locale = typeof payload.locale === 'string' && locales[payload.locale] ? payload.locale : this.config.defaultLocale;
    const template = this.compile(type, locales[locale] ? locale : Object.keys(locales)[0], locales);
    const link = secrets.token && LINK_PATHS[type]
      ? `${this.config.storefrontUrl.replace(/\/$/, '')}${LINK_PATHS[type]}?token=${encodeURIComponent(secrets.token)}`
      : undefined;
    const context = { ...payload, salutation: localizedSalutation(payload.salutation, locale), link };
    return {
      to: String(payload.to),
      subject: template.subject(context),
      text: template.text(context),
      html: template.html(context),
    };
  }

  private compile(type: string, locale: string, locales: LocalizedMailTemplate): Compiled {
    const key = `${type}/${locale}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const source = locales[locale];
      // Required at the first mail rather than at start: processes that send no mail never load Handlebars.
      const Handlebars = require('handlebars') as typeof import('handlebars');
      compiled = {
        subject: Handlebars.compile(source.subject, { noEscape: true }),
        text: Handlebars.compile(source.text, { noEscape: true }),
        html: Handlebars.compile(source.html),
      };
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}
