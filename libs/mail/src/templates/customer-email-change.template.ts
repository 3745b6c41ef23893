import { LocalizedMailTemplate } from './mail-template';

/** To the new address: the link that applies the change. */
export const CUSTOMER_EMAIL_CHANGE_VERIFICATION_TEMPLATE: LocalizedMailTemplate = {
  en_US: {
    subject: 'Confirm your new email address',
    text: `Hello {{salutation}} {{firstName}} {{lastName}},

please confirm that this is the new email address of your account by opening this link within 30 minutes:

{{link}}

If you did not ask for this, ignore this mail: nothing changes.
`,
    html: `<p>Hello {{salutation}} {{firstName}} {{lastName}},</p>
<p>please confirm that this is the new email address of your account by opening this link within 30 minutes:</p>
<p><a href="{{link}}">Confirm my new email address</a></p>
<p>If the button does not work, copy this link into your browser:<br>{{link}}</p>
<p>If you did not ask for this, ignore this mail: nothing changes.</p>`,
  },
  de_DE: {
    subject: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
    text: `Hallo {{salutation}} {{firstName}} {{lastName}},

bitte bestätigen Sie innerhalb von 30 Minuten über diesen Link, dass dies die neue E-Mail-Adresse Ihres Kontos ist:

{{link}}

Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Es ändert sich nichts.
`,
    html: `<p>Hallo {{salutation}} {{firstName}} {{lastName}},</p>
<p>bitte bestätigen Sie innerhalb von 30 Minuten über diesen Link, dass dies die neue E-Mail-Adresse Ihres Kontos ist:</p>
<p><a href="{{link}}">Neue E-Mail-Adresse bestätigen</a></p>
<p>Falls der Button nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:<br>{{link}}</p>
<p>Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Es ändert sich nichts.</p>`,
  },
};

/** To the current address: a change was asked for. */
export const CUSTOMER_EMAIL_CHANGE_NOTICE_TEMPLATE: LocalizedMailTemplate = {
  en_US: {
    subject: 'A new email address was requested for your account',
    text: `Hello {{salutation}} {{firstName}} {{lastName}},

someone asked to change the email address of your account to {{newEmail}}. The change applies only once it is confirmed from that address.

If this was not you, change your password now.
`,
    html: `<p>Hello {{salutation}} {{firstName}} {{lastName}},</p>
<p>someone asked to change the email address of your account to {{newEmail}}. The change applies only once it is confirmed from that address.</p>
<p>If this was not you, change your password now.</p>`,
  },
  de_DE: {
    subject: 'Für Ihr Konto wurde eine neue E-Mail-Adresse angefordert',
    text: `Hallo {{salutation}} {{firstName}} {{lastName}},

für Ihr Konto wurde die Änderung der E-Mail-Adresse auf {{newEmail}} angefordert. Sie wird erst wirksam, wenn sie von dieser Adresse aus bestätigt wird.

Falls Sie das nicht waren, ändern Sie jetzt Ihr Passwort.
`,
    html: `<p>Hallo {{salutation}} {{firstName}} {{lastName}},</p>
<p>für Ihr Konto wurde die Änderung der E-Mail-Adresse auf {{newEmail}} angefordert. Sie wird erst wirksam, wenn sie von dieser Adresse aus bestätigt wird.</p>
<p>Falls Sie das nicht waren, ändern Sie jetzt Ihr Passwort.</p>`,
  },
};

/** To the former address, after the email changed at once (without verification). */
export const CUSTOMER_EMAIL_CHANGED_TEMPLATE: LocalizedMailTemplate = {
  en_US: {
    subject: 'The email address of your account was changed',
    text: `Hello {{salutation}} {{firstName}} {{lastName}},

the email address of your account was changed to {{newEmail}}. From now on, log in with that address.

If this was not you, contact us right away.
`,
    html: `<p>Hello {{salutation}} {{firstName}} {{lastName}},</p>
<p>the email address of your account was changed to {{newEmail}}. From now on, log in with that address.</p>
<p>If this was not you, contact us right away.</p>`,
  },
  de_DE: {
    subject: 'Die E-Mail-Adresse Ihres Kontos wurde geändert',
    text: `Hallo {{salutation}} {{firstName}} {{lastName}},

die E-Mail-Adresse Ihres Kontos wurde auf {{newEmail}} geändert. Melden Sie sich ab jetzt mit dieser Adresse an.

Falls Sie das nicht waren, wenden Sie sich bitte sofort an uns.
`,
    html: `<p>Hallo {{salutation}} {{firstName}} {{lastName}},</p>
<p>die E-Mail-Adresse Ihres Kontos wurde auf {{newEmail}} geändert. Melden Sie sich ab jetzt mit dieser Adresse an.</p>
<p>Falls Sie das nicht waren, wenden Sie sich bitte sofort an uns.</p>`,
  },
};
