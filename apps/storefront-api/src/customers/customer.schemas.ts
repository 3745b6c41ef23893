import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CustomerConfig, EMAIL_MAX_LENGTH, GENDERS, NAME_MAX_LENGTH, PHONE_MAX_LENGTH, SALUTATIONS } from '@patron/customer';
import { PASSWORD_CHARACTER_CLASSES, PasswordConfig } from '@patron/password';
import { calendarDate, choice, email, mustBeTrue, name, optionalText, password, text } from '../glue/validation';

/** Request attribute schemas of the customer resources, built from the configured rules. */
@Injectable()
export class CustomerSchemas {
  readonly registration;
  readonly update;
  readonly confirmation = z.object({ registrationKey: text(1024) });

  constructor(customers: CustomerConfig, passwords: PasswordConfig) {
    const locale = z.string().refine((l) => customers.locales.includes(l), 'The value you selected is not a valid choice.');
    const profile = {
      salutation: choice(SALUTATIONS),
      firstName: name(NAME_MAX_LENGTH),
      lastName: name(NAME_MAX_LENGTH),
      email: email(EMAIL_MAX_LENGTH),
      gender: choice(GENDERS),
      dateOfBirth: calendarDate().nullable().optional(),
      phone: optionalText(PHONE_MAX_LENGTH),
      locale: locale.optional(),
    };
    this.registration = z.object({
      ...profile,
      password: password(passwords.minLength, passwords.maxLength, passwords.requireCharacterClasses ? PASSWORD_CHARACTER_CLASSES : null),
      confirmPassword: text(passwords.maxLength * 4),
      acceptedTerms: mustBeTrue(),
    });
    this.update = z.object({
      salutation: profile.salutation.optional(),
      firstName: profile.firstName.optional(),
      lastName: profile.lastName.optional(),
      email: profile.email.optional(),
      gender: profile.gender.optional(),
      dateOfBirth: profile.dateOfBirth,
      phone: profile.phone,
      locale: profile.locale,
    });
  }
}
