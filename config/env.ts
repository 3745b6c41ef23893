import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535);
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const LOCALE = /^[a-z]{2}_[A-Z]{2}$/;

/** Every environment variable Patron reads, with its default. */
export const ENV_SCHEMA = z
  .object({
    NODE_ENV: z.string().default('development'),
    /** Unset: the embedded PostgreSQL (PGlite) under DATA_DIR/pglite. */
    DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
    /** Unset: mail is handed to the sender in-process, without BullMQ. */
    REDIS_URL: url(['redis:', 'rediss:']).optional(),
    QUEUE_PREFIX: z.string().min(1).default('patron'),
    /** Unset: mail is written as .eml files under DATA_DIR/mail. */
    SMTP_URL: url(['smtp:', 'smtps:']).optional(),
    MAIL_FROM: z.string().min(3).default('Patron <no-reply@patron.local>'),
    STOREFRONT_PORT: port.default(3000),
    BACKOFFICE_PORT: port.default(3001),
    /** The worker's own HTTP port, for /health and /metrics (the all-in-one process serves them on the two others). */
    WORKER_PORT: port.default(3002),
    /** Unset: `http://localhost:{STOREFRONT_PORT}`. */
    STOREFRONT_URL: url(['http:', 'https:']).optional(),
    /**
     * Express "trust proxy": unset/false = the socket address is the client IP; behind a proxy its hop count or subnets
     * (`true` believes the left-most X-Forwarded-For address, which clients can forge).
     */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
    /** Login blocking: failures per client IP + username within the window before the pair is blocked. */
    LOGIN_FAILURE_LIMIT: z.coerce.number().int().min(1).default(9),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    LOGIN_BLOCK_SECONDS: z.coerce.number().int().min(1).default(360),
    /** Unset: off. A k-anonymity range API such as https://api.pwnedpasswords.com/range/ (the 5-character prefix is appended). */
    PASSWORD_BREACH_CHECK_URL: url(['http:', 'https:']).optional(),
    PASSWORD_BREACH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(50).default(1500),
    /**
     * Password-reset and confirmation-resend requests allowed per client IP within 15 minutes; 0: no limit (Glue
     * behaviour, and right when one storefront server calls the API for every shopper).
     */
    FORGOTTEN_PASSWORD_LIMIT_PER_IP: z.coerce.number().int().min(0).default(0),
    CORS_ORIGINS: z
      .string()
      .default('*')
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    CUSTOMER_REFERENCE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'must be 1-20 letters, digits, _ or -').default('DE'),
    DOUBLE_OPT_IN: bool.default(true),
    /** On: a changed email applies only after the new address is verified. Off: at once (Glue behaviour). */
    EMAIL_CHANGE_VERIFICATION: bool.default(false),
    /** Postal codes must fit the country's format where it is known; off = only the length is checked (Glue behaviour). */
    ADDRESS_POSTAL_CODE_CHECK: bool.default(false),
    DEFAULT_LOCALE: z.string().regex(LOCALE, 'must look like en_US').default('en_US'),
    LOCALES: z
      .string()
      .default('en_US,de_DE')
      .transform((v) => v.split(',').map((l) => l.trim()).filter(Boolean))
      .refine((list) => list.length > 0 && list.every((l) => LOCALE.test(l)), 'must be a comma-separated list like en_US,de_DE'),
    MIGRATE_ON_START: bool.default(true),
    /** The APIs' and the worker's limit on one database statement; past it the request fails with 503. 0: no limit. The CLI has none. */
    DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
    MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    /** Pooled SMTP connections per worker process. */
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(64).default(4),
    /** Readiness fails when the oldest mail not yet delivered is older than this; 0: never for that reason. */
    HEALTH_MAX_OUTBOX_LAG_SECONDS: z.coerce.number().int().min(0).default(900),
    /** On SIGTERM, how long in-flight requests and mail jobs may take to finish before the process exits anyway. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** Days delivered outbox messages are kept before `outbox:purge` deletes them. */
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
    DATA_DIR: z.string().default('var'),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    /** Unset: `json` in production, `pretty` (one readable line per entry) otherwise. */
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  })
  .refine((env) => env.LOCALES.includes(env.DEFAULT_LOCALE), { path: ['DEFAULT_LOCALE'], message: 'must be one of LOCALES' })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_SECRET, { path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });

export type Env = z.infer<typeof ENV_SCHEMA> & { JWT_SECRET: string; LOG_FORMAT: 'json' | 'pretty'; STOREFRONT_URL: string };

export class InvalidEnvironmentError extends Error {}

/**
 * Reads and validates the environment once. Throws `InvalidEnvironmentError` naming every bad variable.
 * Outside production, a missing JWT_SECRET is generated once and kept under DATA_DIR.
 */
export const loadEnv = (source: NodeJS.ProcessEnv = process.env): Env => {
  const given = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ENV_SCHEMA.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new InvalidEnvironmentError(`Invalid configuration:\n${problems}`);
  }
  const env = parsed.data;
  return {
    ...env,
    STOREFRONT_URL: env.STOREFRONT_URL ?? `http://localhost:${env.STOREFRONT_PORT}`,
    JWT_SECRET: env.JWT_SECRET ?? developmentJwtSecret(env.DATA_DIR),
    LOG_FORMAT: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty'),
  };
};

const developmentJwtSecret = (dataDir: string): string => {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process started at the same moment and wrote it first.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
};

/** Where mail files go when there is no SMTP server (DATA_DIR/mail); null when SMTP_URL is set. */
export const mailDirectory = (env: Pick<Env, 'SMTP_URL' | 'DATA_DIR'>): string | null => (env.SMTP_URL ? null : join(env.DATA_DIR, 'mail'));
