import { Injectable } from '@nestjs/common';
import { PasswordConfig } from '../password.config';
import { PasswordPolicy, PasswordRule } from '../extension/password-policy';

@Injectable()
export class RepeatedCharactersPasswordPolicy implements PasswordPolicy {
  constructor(private readonly config: PasswordConfig) {}

  check(password: string): PasswordRule | null {
    const max = this.config.maxRepeatedCharacters;
    if (max <= 0) return null;
    let run = 0;
    let previous = '';
    for (const char of password) {
      run = char === previous ? run + 1 : 1;
      previous = char;
      if (run > max) return 'repeated-characters';
    }
    return null;
  }
}
