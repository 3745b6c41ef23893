import { INestApplicationContext } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Env, loadEnv, PatronCoreModule, postgresDatabase } from '@patron/config';
import { createTestDatabase, TestDatabase } from './database';

export interface CoreContext {
  app: INestApplicationContext;
  env: Env;
  db: TestDatabase;
  close: () => Promise<void>;
}

/** The core modules (no HTTP, no worker) on a fresh database; `customize` may override providers. */
export const startCoreContext = async (
  envOverrides: Record<string, string> = {},
  customize: (builder: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
): Promise<CoreContext> => {
  const db = await createTestDatabase();
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-test-')),
    ...envOverrides,
  });
  const moduleRef = await customize(Test.createTestingModule({ imports: [PatronCoreModule.forRoot(env, postgresDatabase(db.url))] })).compile();
  moduleRef.useLogger(['error']);
  const app = await moduleRef.init();
  return {
    app,
    env,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
};
