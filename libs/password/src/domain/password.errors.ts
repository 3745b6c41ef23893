import { DomainError } from '@patron/shared-kernel';
import { PasswordRule } from '../extension/password-policy';

const MESSAGES: Record<PasswordRule, string> = {
  'too-short': 'The password is too short.',
  'too-long': 'The password is too long.',
  'invalid-character-set': 'The password character set is invalid.',
  'repeated-characters': 'The password contains sequence of the same character.',
  'common-password': 'The password is listed as common.',
};

export class PasswordPolicyViolationError extends DomainError {
  readonly code: string;
  readonly kind = 'rejected';

  constructor(readonly rule: PasswordRule) {
    super(MESSAGES[rule], { field: 'password' });
    this.code = `PASSWORD.${rule.toUpperCase().replace(/-/g, '_')}`;
  }
}
