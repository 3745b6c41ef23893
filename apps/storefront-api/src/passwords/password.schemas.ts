import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PASSWORD_CHARACTER_CLASSES, PasswordConfig } from '@patron/password';
import { email, password, text } from '../glue/validation';

/** Request attribute schemas of the password resources, built from the configured password rules. */
@Injectable()
export class PasswordSchemas {
  readonly forgotten = z.object({ email: email(255) });
  readonly restore;
  readonly change;

  constructor(passwords: PasswordConfig) {
    const newPassword = password(passwords.minLength, passwords.maxLength, passwords.requireCharacterClasses ? PASSWORD_CHARACTER_CLASSES : null);
    const confirm = text(passwords.maxLength * 4);
    this.restore = z.object({ restorePasswordKey: text(1024), password: newPassword, confirmPassword: confirm });
    this.change = z.object({ password: text(passwords.maxLength * 4), newPassword, confirmPassword: confirm });
  }
}
