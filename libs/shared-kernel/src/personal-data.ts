/** `ada.lovelace@example.com` → `a***@example.com`: enough to tell mails apart, not enough to identify anyone. */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
};

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g;
/** A bearer-ish secret: 32+ URL-safe characters (tokens, JWT parts, hashes), but not a UUID. */
const SECRET = /(?<![A-Za-z0-9_-])(?![0-9a-f]{8}-[0-9a-f]{4}-)[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g;

/** Masks every email address and long token in free text (log messages, error texts). */
export const maskPersonalData = (text: string): string => text.replace(EMAIL, maskEmail).replace(SECRET, '[redacted]');
