import { Injectable } from '@nestjs/common';
import { PASSWORD_SPECIAL_CHARACTERS, PasswordConfig } from '../password.config';
import { PasswordPolicy, PasswordRule } from '../extension/password-policy';

const escape = (chars: string) => chars.replace(/[\\\]\[^-]/g, '\\$&');
const SPECIAL = escape(PASSWORD_SPECIAL_CHARACTERS);

/** Upper, lower, digit and special character each present, and no character outside those classes. */
export const PASSWORD_CHARACTER_CLASSES = new RegExp(
  `^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])(?=.*[${SPECIAL}])[A-Za-z0-9${SPECIAL}]+$`,
);

@Injectable()
export class CharacterSetPasswordPolicy implements PasswordPolicy {
  constructor(private readonly config: PasswordConfig) {}

  check(password: string): PasswordRule | null {
    if (!this.config.requireCharacterClasses) return null;
    return PASSWORD_CHARACTER_CLASSES.test(password) ? null : 'invalid-character-set';
  }
}
