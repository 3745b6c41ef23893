import { databaseUrl, templateDatabaseName, withAdminClient } from './postgres';

let counter = 0;

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file (a clone of the run's template). */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const template = templateDatabaseName();
  const name = `${template}_${process.pid}_${++counter}`;
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
