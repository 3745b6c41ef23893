export type PasswordRule = 'too-short' | 'too-long' | 'invalid-character-set' | 'repeated-characters' | 'common-password';

/** One password rule. The list of policies in force is provided through `PASSWORD_POLICIES`. */
export interface PasswordPolicy {
  /** Returns the broken rule, or null when the password passes this policy. Must not throw. */
  check(password: string): PasswordRule | null | Promise<PasswordRule | null>;
}
export const PASSWORD_POLICIES = Symbol('password.policies');
