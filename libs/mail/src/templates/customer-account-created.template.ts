import { LocalizedMailTemplate } from './mail-template';

/** To a customer whom shop staff created an account for (no password yet): the link sets the first password. */
export const CUSTOMER_ACCOUNT_CREATED_TEMPLATE: LocalizedMailTemplate = {
  en_US: {
    subject: 'Your customer account is ready: choose a password',
    text: `Hello {{salutation}} {{firstName}} {{lastName}},

we have created a customer account for you with this email address. To choose your password and sign in, open this link within two hours:

{{link}}

Once it has expired, "Forgot password" on the sign-in page sends you a new one.
`,
    html: `<p>Hello {{salutation}} {{firstName}} {{lastName}},</p>
<p>we have created a customer account for you with this email address. To choose your password and sign in, open this link within two hours:</p>
<p><a href="{{link}}">Choose your password</a></p>
<p>If the button does not work, copy this link into your browser:<br>{{link}}</p>
<p>Once it has expired, "Forgot password" on the sign-in page sends you a new one.</p>`,
  },
  de_DE: {
    subject: 'Ihr Kundenkonto ist eingerichtet: Passwort wählen',
    text: `Hallo {{salutation}} {{firstName}} {{lastName}},

wir haben für Sie ein Kundenkonto mit dieser E-Mail-Adresse eingerichtet. Über diesen Link wählen Sie innerhalb von zwei Stunden Ihr Passwort und melden sich an:

{{link}}

Ist der Link abgelaufen, schickt Ihnen "Passwort vergessen" auf der Anmeldeseite einen neuen.
`,
    html: `<p>Hallo {{salutation}} {{firstName}} {{lastName}},</p>
<p>wir haben für Sie ein Kundenkonto mit dieser E-Mail-Adresse eingerichtet. Über diesen Link wählen Sie innerhalb von zwei Stunden Ihr Passwort und melden sich an:</p>
<p><a href="{{link}}">Passwort wählen</a></p>
<p>Falls der Button nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:<br>{{link}}</p>
<p>Ist der Link abgelaufen, schickt Ihnen "Passwort vergessen" auf der Anmeldeseite einen neuen.</p>`,
  },
};
