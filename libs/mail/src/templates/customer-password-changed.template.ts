import { LocalizedMailTemplate } from './mail-template';

export const CUSTOMER_PASSWORD_CHANGED_TEMPLATE: LocalizedMailTemplate = {
  en_US: {
    subject: 'Your password was changed',
    text: `Hello {{salutation}} {{firstName}} {{lastName}},

the password of your account was just changed, and every device was logged out.

If you did not do this, reset your password at once and contact us.
`,
    html: `<p>Hello {{salutation}} {{firstName}} {{lastName}},</p>
<p>the password of your account was just changed, and every device was logged out.</p>
<p>If you did not do this, reset your password at once and contact us.</p>`,
  },
  de_DE: {
    subject: 'Ihr Passwort wurde geändert',
    text: `Hallo {{salutation}} {{firstName}} {{lastName}},

das Passwort Ihres Kontos wurde soeben geändert, und alle Geräte wurden abgemeldet.

Falls Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und kontaktieren Sie uns.
`,
    html: `<p>Hallo {{salutation}} {{firstName}} {{lastName}},</p>
<p>das Passwort Ihres Kontos wurde soeben geändert, und alle Geräte wurden abgemeldet.</p>
<p>Falls Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und kontaktieren Sie uns.</p>`,
  },
};
