/** `ada.lovelace@example.com` → `a***@example.com`: enough to tell mails apart, not enough to identify anyone. */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
};

/** An email address, also percent-encoded in a URL (`ada%40example.com`). */
const EMAIL = /[^\s@<>"'(),;:/?&=%]+(?:@|%40)[^\s@<>"'(),;:/?&=%]+\.[A-Za-z]{2,}/g;
/** argon2 and bcrypt password hashes (their base64 holds `+` and `/`, so the token pattern below misses them). */
const PASSWORD_HASH = /\$argon2(?:id|i|d)\$[^\s'",]+(?:,[^\s'",]+)*|\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;
/**
 * A bearer-ish secret: 32+ URL-safe characters (tokens, JWT parts, hashes), but not a word that holds a UUID (outbox
 * ids, mail file names such as `2026-12-04T07-24-06-411Z-<outbox id>.eml`), a migration name, or a lower-case
 * kebab-case name (routes such as `customer-email-change-confirmation`; random tokens and hex digests hold digits or
 * capitals): those say where things are and reveal nothing.
 */
const SECRET =
  /(?<![A-Za-z0-9_-])(?![A-Za-z0-9_-]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?!Migration\d{14}_)(?![a-z-]+(?![A-Za-z0-9_-]))[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g;
/** Driver errors quote the whole statement with its values inlined (names, phone numbers, addresses). */
const SQL_STATEMENT = /\b(?:insert into|update\s+\S+\s+set|delete from|select\b[\s\S]*?\bfrom)\b/i;
const SQL_STRING = /'(?:[^']|'')*'/g;

/**
 * Masks what must not reach a log in free text (log messages, error texts): email addresses, long tokens, password
 * hashes, and the values quoted in an SQL statement.
 */
export const maskPersonalData = (text: string): string => {
  const masked = text.replace(PASSWORD_HASH, '[redacted]').replace(EMAIL, maskEmail).replace(SECRET, '[redacted]');
  return SQL_STATEMENT.test(masked) ? masked.replace(SQL_STRING, "'…'") : masked;
};
