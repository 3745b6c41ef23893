import { Client } from 'pg';

/** The server the tests use; override with TEST_DATABASE_URL (any database on it; only its server matters). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const databaseUrl = (name: string): string => {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

export const withAdminClient = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

/** Name of this run's template database (migrated once in global setup). */
export const templateDatabaseName = (): string => {
  const name = process.env.PATRON_TEST_TEMPLATE_DB;
  if (!name) throw new Error('PATRON_TEST_TEMPLATE_DB is not set: run the tests through jest (global setup)');
  return name;
};
