import { LocalizedMailTemplate } from './mail-template';

export const CUSTOMER_REGISTRATION_CONFIRMATION_TEMPLATE: LocalizedMailTemplate = {
  en_US: {
    subject: 'Please confirm your email address',
    text: `Hello {{salutation}} {{firstName}} {{lastName}},

thank you for registering. Please confirm your email address by opening this link:

{{link}}

If you did not register, you can ignore this mail.
`,
    html: `<p>Hello {{salutation}} {{firstName}} {{lastName}},</p>
<p>thank you for registering. Please confirm your email address:</p>
<p><a href="{{link}}">Confirm my email address</a></p>
<p>If the button does not work, copy this link into your browser:<br>{{link}}</p>
<p>If you did not register, you can ignore this mail.</p>`,
  },
  de_DE: {
    subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
    text: `Hallo {{salutation}} {{firstName}} {{lastName}},

vielen Dank für Ihre Registrierung. Bitte bestätigen Sie Ihre E-Mail-Adresse über diesen Link:

{{link}}

Falls Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren.
`,
    html: `<p>Hallo {{salutation}} {{firstName}} {{lastName}},</p>
<p>vielen Dank für Ihre Registrierung. Bitte bestätigen Sie Ihre E-Mail-Adresse:</p>
<p><a href="{{link}}">E-Mail-Adresse bestätigen</a></p>
<p>Falls der Button nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:<br>{{link}}</p>
<p>Falls Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren.</p>`,
  },
};
