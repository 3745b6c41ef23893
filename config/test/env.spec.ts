import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidEnvironmentError, loadEnv } from '../env';

const dataDir = () => mkdtempSync(join(tmpdir(), 'patron-env-'));

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({ DATA_DIR: dataDir() });
    expect(env).toMatchObject({
      DATA_DIR: expect.any(String),
      STOREFRONT_PORT: 3000,
      BACKOFFICE_PORT: 3001,
      STOREFRONT_URL: 'http://localhost:3000',
      CUSTOMER_REFERENCE_PREFIX: 'DE',
      DOUBLE_OPT_IN: true,
      DEFAULT_LOCALE: 'en_US',
      LOCALES: ['en_US', 'de_DE'],
      MIGRATE_ON_START: true,
      WORKER_PORT: 3002,
      HEALTH_MAX_OUTBOX_LAG_SECONDS: 900,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      OUTBOX_RETENTION_DAYS: 30,
      LOG_FORMAT: 'pretty',
    });
    // Unset: embedded database, in-process mail, mail files.
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('generates a development JWT secret once and keeps it under DATA_DIR', () => {
    const dir = dataDir();
    const first = loadEnv({ DATA_DIR: dir }).JWT_SECRET;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(loadEnv({ DATA_DIR: dir }).JWT_SECRET).toBe(first);
  });

  it('names every bad variable', () => {
    const attempt = () =>
      loadEnv({ DATABASE_URL: 'mysql://x', STOREFRONT_PORT: 'http', DOUBLE_OPT_IN: 'maybe', LOCALES: 'en_US', DEFAULT_LOCALE: 'de_DE', DATA_DIR: dataDir() });
    expect(attempt).toThrow(InvalidEnvironmentError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['DATABASE_URL', 'STOREFRONT_PORT', 'DOUBLE_OPT_IN']) expect(message).toContain(name);
    }
    expect(() => loadEnv({ LOCALES: 'en_US', DEFAULT_LOCALE: 'de_DE', DATA_DIR: dataDir() })).toThrow(/DEFAULT_LOCALE: must be one of LOCALES/);
  });

  it('reads the operations settings, logging JSON in production unless told otherwise', () => {
    const env = loadEnv({ WORKER_PORT: '9102', HEALTH_MAX_OUTBOX_LAG_SECONDS: '0', SHUTDOWN_TIMEOUT_MS: '25000', OUTBOX_RETENTION_DAYS: '7', DATA_DIR: dataDir() });
    expect(env).toMatchObject({ WORKER_PORT: 9102, HEALTH_MAX_OUTBOX_LAG_SECONDS: 0, SHUTDOWN_TIMEOUT_MS: 25_000, OUTBOX_RETENTION_DAYS: 7 });
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).LOG_FORMAT).toBe('json');
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    const bad = () => loadEnv({ LOG_FORMAT: 'xml', SHUTDOWN_TIMEOUT_MS: '5', OUTBOX_RETENTION_DAYS: '-1', DATA_DIR: dataDir() });
    for (const name of ['LOG_FORMAT', 'SHUTDOWN_TIMEOUT_MS', 'OUTBOX_RETENTION_DAYS']) expect(bad).toThrow(name);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(/JWT_SECRET: is required when NODE_ENV=production/);
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).JWT_SECRET).toBe('x'.repeat(40));
  });

  it('reads booleans, numbers and lists', () => {
    const env = loadEnv({ DOUBLE_OPT_IN: 'false', STOREFRONT_PORT: '8080', LOCALES: 'de_DE, en_GB', DEFAULT_LOCALE: 'en_GB', DATA_DIR: dataDir() });
    expect(env).toMatchObject({ DOUBLE_OPT_IN: false, STOREFRONT_PORT: 8080, LOCALES: ['de_DE', 'en_GB'], DEFAULT_LOCALE: 'en_GB' });
  });

  it('builds the default STOREFRONT_URL from STOREFRONT_PORT, so links and mails point at the port in use', () => {
    expect(loadEnv({ STOREFRONT_PORT: '3600', DATA_DIR: dataDir() }).STOREFRONT_URL).toBe('http://localhost:3600');
    expect(loadEnv({ STOREFRONT_PORT: '3600', STOREFRONT_URL: 'https://shop.example', DATA_DIR: dataDir() }).STOREFRONT_URL).toBe('https://shop.example');
  });
});
