import { randomBytes } from 'node:crypto';
import { databaseUrl, templateDatabaseName, withAdminClient } from './postgres';


export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file (a clone of the run's template). */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const template = templateDatabaseName();
  // Random, not a counter: jest resets module state per test file, and workers run many files.
  const name = `${template}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (c) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        // Another worker is cloning the template at this moment.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdminClient((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
};
