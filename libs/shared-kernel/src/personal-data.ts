/** `ada.lovelace@example.com` → `a***@example.com`: enough to tell mails apart, not enough to identify anyone. */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
};

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g;
/**
 * A bearer-ish secret: 32+ URL-safe characters (tokens, JWT parts, hashes), but not a word that holds a UUID (outbox
 * ids, mail file names such as `2026-12-04T07-24-06-411Z-<outbox id>.eml`) nor a migration name: those say where
 * things are and reveal nothing.
 */
const SECRET =
  /(?<![A-Za-z0-9_-])(?![A-Za-z0-9_-]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?!Migration\d{14}_)[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g;

/** Masks every email address and long token in free text (log messages, error texts). */
export const maskPersonalData = (text: string): string => text.replace(EMAIL, maskEmail).replace(SECRET, '[redacted]');
