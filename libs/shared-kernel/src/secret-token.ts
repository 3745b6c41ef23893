import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe token of 256 bits, for keys that are mailed or handed to clients. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** The form in which secret tokens are stored: a SHA-256 hex digest (tokens are high-entropy, so no salt). */
export const hashSecretToken = (token: string): string => createHash('sha256').update(token).digest('hex');
