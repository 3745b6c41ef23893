import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PasswordConfig } from '../password.config';
import { PasswordPolicy, PasswordRule } from '../extension/password-policy';

let commonPasswords: Set<string> | undefined;

/** The ~49,000 most common passwords of zxcvbn-ts's maintained list, lower-cased. Loaded on first use. */
const loadCommonPasswords = (): Set<string> =>
  (commonPasswords ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));

@Injectable()
export class CommonPasswordPolicy implements PasswordPolicy {
  constructor(private readonly config: PasswordConfig) {}

  check(password: string): PasswordRule | null {
    if (!this.config.denyCommonPasswords) return null;
    return loadCommonPasswords().has(password.toLowerCase()) ? 'common-password' : null;
  }
}
