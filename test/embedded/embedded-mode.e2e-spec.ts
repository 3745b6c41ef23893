import { INestApplication, Module } from '@nestjs/common';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Database, DataDirectoryInUseError, embeddedDatabase, Env, loadEnv, PatronCoreModule } from '@patron/config';
import { OutboxRelay } from '@patron/outbox';
import { StorefrontApiModule } from '../../apps/storefront-api/src/storefront-api.module';
import { createStorefrontApp } from '../../apps/storefront-api/src/storefront.app';
import { WorkerTasksModule } from '../../apps/worker/src/worker-tasks.module';
import { createBackofficeApp, SharedBackofficeAppModule } from '../../apps/backoffice-api/src/backoffice.app';
import { runCli } from '../support/cli';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'Correct-Horse7!';
const doc = (type: string, attributes: Record<string, unknown>) => ({ data: { type, attributes } });

/** The all-in-one process as `npm start` builds it with nothing configured: PGlite, in-process mail, mail files. */
const startEmbedded = async (env: Env): Promise<{ storefront: INestApplication; backoffice: INestApplication; database: Database; stop: () => Promise<void> }> => {
  const database = embeddedDatabase(join(env.DATA_DIR, 'pglite'));
  @Module({})
  class EmbeddedRootModule {}
  const storefront = await createStorefrontApp(
    { module: EmbeddedRootModule, imports: [PatronCoreModule.forRoot(env, database), StorefrontApiModule.forRoot(env), WorkerTasksModule.forRoot(env)] },
    { logger: ['error'] },
  );
  const backoffice = await createBackofficeApp(SharedBackofficeAppModule.forRoot(env, storefront), ['error']);
  await storefront.init();
  await backoffice.init();
  await database.migrate(storefront.get(require('@mikro-orm/core').MikroORM));
  storefront.get(OutboxRelay).start();
  return {
    storefront,
    backoffice,
    database,
    stop: async () => {
      await backoffice.close();
      await storefront.close();
      await database.close();
    },
  };
};

describe('embedded mode (no DATABASE_URL, REDIS_URL or SMTP_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'patron-embedded-'));
  const env = loadEnv({ NODE_ENV: 'development', DATA_DIR: dataDir, JWT_SECRET: 'embedded-test-secret-long-enough-0123456789' });

  it('registers, writes the confirmation mail file, shows it in the mailbox, confirms, logs in, and keeps data across restarts', async () => {
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    let running = await startEmbedded(env);
    try {
      const created = await request(running.storefront.getHttpServer())
        .post('/customers')
        .send(doc('customers', { salutation: 'Mr', firstName: 'Emil', lastName: 'Bed', email: 'emil@example.com', gender: 'Male', password: PASSWORD, confirmPassword: PASSWORD, acceptedTerms: true }));
      expect(created.status).toBe(201);

      const files = await waitFor(() => {
        const names = readdirSync(join(dataDir, 'mail')).filter((n) => n.endsWith('.eml'));
        return names.length ? names : undefined;
      }, { what: 'the confirmation mail file' });
      expect(files).toHaveLength(1);

      const mailbox = await request(running.backoffice.getHttpServer()).get('/dev/mailbox/messages');
      expect(mailbox.status).toBe(200);
      expect(mailbox.body.data).toHaveLength(1);
      expect(mailbox.body.data[0]).toMatchObject({ to: 'emil@example.com', subject: 'Please confirm your email address' });
      const page = await request(running.backoffice.getHttpServer()).get('/dev/mailbox');
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('emil@example.com');
      expect(page.text).toMatch(/<a href="http:\/\/localhost:3000\/register\/confirm\?token=[^"]+">/);

      const token = /token=(\S+)/.exec(mailbox.body.data[0].text)![1];
      const confirmed = await request(running.storefront.getHttpServer()).post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey: token }));
      expect(confirmed.status).toBe(204);
      const login = await request(running.storefront.getHttpServer()).post('/access-tokens').send(doc('access-tokens', { username: 'EMIL@example.com', password: PASSWORD }));
      expect(login.status).toBe(201);

      expect(() => embeddedDatabase(join(dataDir, 'pglite'))).toThrow(DataDirectoryInUseError);
    } finally {
      await running.stop();
    }

    running = await startEmbedded(env);
    try {
      const again = await request(running.storefront.getHttpServer()).post('/access-tokens').send(doc('access-tokens', { username: 'emil@example.com', password: PASSWORD }));
      expect(again.status).toBe(201);
    } finally {
      await running.stop();
    }
  }, 120_000);

  it('the CLI refuses to open a data directory another process holds, with a clear message', async () => {
    const held = mkdtempSync(join(tmpdir(), 'patron-held-'));
    const database = embeddedDatabase(join(held, 'pglite'));
    try {
      const result = await runCli(['import:customers', join(held, 'any.csv')], { DATA_DIR: held, DATABASE_URL: '' });
      expect(result.code).toBe(75);
      expect(result.stderr).toContain(`The embedded database in ${join(held, 'pglite')} is in use by process ${process.pid}`);
      expect(result.stderr).toContain('set DATABASE_URL');
    } finally {
      await database.close();
    }
    const free = await runCli(['migrate'], { DATA_DIR: held, DATABASE_URL: '' }, 120_000);
    expect(free.stderr).toBe('');
    expect(free.code).toBe(0);
    expect(free.stdout).toMatch(/Applied Migration/);
  }, 180_000);
});
