import { BuiltInMailTemplateLoader, LocalizedMailTemplate, MAIL_TYPES } from '@patron/mail';

/** The built-in templates, with a German confirmation mail that welcomes the customer to the programme. */
export class LoyaltyMailTemplateLoader extends BuiltInMailTemplateLoader {
  override load(type: string): LocalizedMailTemplate | undefined {
    const builtIn = super.load(type);
    if (type !== MAIL_TYPES.customerRegistrationConfirmation || !builtIn) return builtIn;
    return {
      ...builtIn,
      de_DE: {
        subject: 'Willkommen im Treueprogramm – bitte bestätigen Sie Ihre E-Mail-Adresse',
        text: `Hallo {{salutation}} {{firstName}} {{lastName}},

willkommen im Treueprogramm! Bestätigen Sie Ihre E-Mail-Adresse, um Punkte zu sammeln:

{{link}}
`,
        html: `<p>Hallo {{salutation}} {{firstName}} {{lastName}},</p>
<p>willkommen im Treueprogramm! Bestätigen Sie Ihre E-Mail-Adresse, um Punkte zu sammeln:</p>
<p><a href="{{link}}">E-Mail-Adresse bestätigen</a></p>`,
      },
    };
  }
}
