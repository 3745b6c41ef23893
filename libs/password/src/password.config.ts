/** Settings of the password module; every rule can be tuned or switched off by the app. */
export class PasswordConfig {
  minLength = 12;
  maxLength = 128;
  /** Require an upper-case letter, a lower-case letter, a digit and a special character, and nothing else. */
  requireCharacterClasses = true;
  /** Longest allowed run of one character (2 = no character three times in a row); 0 switches the rule off. */
  maxRepeatedCharacters = 2;
  /** Refuse passwords from the deny list of common passwords (compared ignoring case). */
  denyCommonPasswords = true;
  /**
   * Optional online check against a k-anonymity range API (Have I Been Pwned style): only the first 5 hex characters
   * of the password's SHA-1 leave the process. Off while `breachCheckUrl` is empty; fails open after the timeout.
   */
  breachCheckUrl = '';
  breachCheckTimeoutMs = 1500;
  /** argon2id cost parameters (OWASP's recommended minimum by default). */
  argon2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

  static from(overrides: Partial<PasswordConfig> = {}): PasswordConfig {
    return Object.assign(new PasswordConfig(), overrides);
  }
}

export const PASSWORD_SPECIAL_CHARACTERS = '!@#$%^&*()_-+=[]{}|;:<>.,/?\\~';
