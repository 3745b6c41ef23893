import { Injectable } from '@nestjs/common';
import { PasswordConfig } from '../password.config';
import { PasswordPolicy, PasswordRule } from '../extension/password-policy';

@Injectable()
export class LengthPasswordPolicy implements PasswordPolicy {
  constructor(private readonly config: PasswordConfig) {}

  check(password: string): PasswordRule | null {
    const length = [...password].length;
    if (length < this.config.minLength) return 'too-short';
    if (length > this.config.maxLength) return 'too-long';
    return null;
  }
}
