import { Injectable } from '@nestjs/common';
import { PasswordConfig } from '../password.config';
import { PasswordPolicy, PasswordRule } from '../extension/password-policy';

let commonPasswords: Set<string> | undefined;

/** The ~49,000 most common passwords of zxcvbn-ts's maintained list, lower-cased. Loaded on first use. */
const loadCommonPasswords = (): Set<string> => {
  if (commonPasswords) return commonPasswords;
  // Required here rather than imported: the dictionaries are a large module, needed only by processes checking passwords.
  const { dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  return (commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));
};

/**
 * The forms in which a password is looked up: as typed (ignoring case), without the symbols around it, and without
 * the digits and symbols appended to it, since "Password123!" is as guessable as "password123" or "password".
 */
export const commonPasswordCandidates = (password: string): string[] => {
  const lower = password.toLowerCase();
  const trimmed = lower.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const stem = lower.replace(/[^a-z]+$/, '');
  return [lower, trimmed, ...(stem.length >= 4 ? [stem] : [])];
};

@Injectable()
export class CommonPasswordPolicy implements PasswordPolicy {
  constructor(private readonly config: PasswordConfig) {}

  check(password: string): PasswordRule | null {
    if (!this.config.denyCommonPasswords) return null;
    const list = loadCommonPasswords();
    return commonPasswordCandidates(password).some((candidate) => list.has(candidate)) ? 'common-password' : null;
  }
}
