import { LocalizedMailTemplate } from './mail-template';

export const CUSTOMER_PASSWORD_RESTORE_TEMPLATE: LocalizedMailTemplate = {
  en_US: {
    subject: 'Reset your password',
    text: `Hello {{salutation}} {{firstName}} {{lastName}},

someone asked to reset the password of your account. To choose a new password, open this link within two hours:

{{link}}

If it was not you, ignore this mail: your password stays as it is.
`,
    html: `<p>Hello {{salutation}} {{firstName}} {{lastName}},</p>
<p>someone asked to reset the password of your account. To choose a new password, open this link within two hours:</p>
<p><a href="{{link}}">Choose a new password</a></p>
<p>If the button does not work, copy this link into your browser:<br>{{link}}</p>
<p>If it was not you, ignore this mail: your password stays as it is.</p>`,
  },
  de_DE: {
    subject: 'Passwort zurücksetzen',
    text: `Hallo {{salutation}} {{firstName}} {{lastName}},

für Ihr Konto wurde das Zurücksetzen des Passworts angefordert. Über diesen Link wählen Sie innerhalb von zwei Stunden ein neues Passwort:

{{link}}

Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.
`,
    html: `<p>Hallo {{salutation}} {{firstName}} {{lastName}},</p>
<p>für Ihr Konto wurde das Zurücksetzen des Passworts angefordert. Über diesen Link wählen Sie innerhalb von zwei Stunden ein neues Passwort:</p>
<p><a href="{{link}}">Neues Passwort wählen</a></p>
<p>Falls der Button nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:<br>{{link}}</p>
<p>Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.</p>`,
  },
};
