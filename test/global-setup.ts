import { register } from 'tsconfig-paths';
import { execSync } from 'node:child_process';
import { join } from 'node:path';

// Global setup runs outside jest's module mapping: resolve the @patron/* aliases the way tsconfig.json does.
register({ baseUrl: join(__dirname, '..'), paths: { '@patron/config': ['config/index.ts'], '@patron/*': ['libs/*/src'] } });

import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';

import { databaseUrl, withAdminClient } from './support/postgres';

/** Creates this run's template database with every migration applied; each test file clones it. */
/** Builds dist/ once (tests of the CLI run the built program), then creates the template database. */
export default async function globalSetup(): Promise<void> {
  execSync('node bin/build.js --if-stale', { cwd: join(__dirname, '..'), stdio: 'inherit' });
  const { mikroOrmOptions, migrateWithLock } = await import('../config');
  const name = `patron_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withAdminClient((c) => c.query(`create database "${name}"`));
  const url = databaseUrl(name);
  const orm = await MikroORM.init(mikroOrmOptions({ databaseUrl: url }));
  try {
    await migrateWithLock(orm, url);
  } finally {
    await orm.close(true);
    // Jest hands this process's globals to the test environments; MikroORM's metadata from here would leak into
    // them (objects of another realm) and break their discovery.
    for (const key of Object.keys(globalThis)) if (key.startsWith('mikro-orm-')) delete (globalThis as Record<string, unknown>)[key];
  }
  process.env.PATRON_TEST_TEMPLATE_DB = name;
  process.env.PATRON_TEST_RUN_ID = name.slice('patron_test_'.length);
}
