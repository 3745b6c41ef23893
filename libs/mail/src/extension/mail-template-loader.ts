import type { LocalizedMailTemplate } from '../templates/mail-template';

/**
 * Where mail templates come from: one mail type in every locale it has, or undefined for a type it does not know.
 * Asked once per type; the result is compiled and cached. Fill the slot with `MailModule.forRoot({ templateLoader })`
 * (a Patron extension's `mailTemplateLoader`); extend `BuiltInMailTemplateLoader` to override some templates and keep
 * the rest.
 */
export interface MailTemplateLoader {
  load(type: string): LocalizedMailTemplate | undefined;
}
export const MAIL_TEMPLATE_LOADER = Symbol('mail.template-loader');
