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
