/** Handlebars sources of one mail in one locale. `{{link}}`-style values are HTML-escaped in `html`. */
export interface MailTemplateSource {
  subject: string;
  text: string;
  html: string;
}

/** One mail type in every locale it has, e.g. `{ en_US: {...}, de_DE: {...} }`. */
export type LocalizedMailTemplate = Record<string, MailTemplateSource>;
