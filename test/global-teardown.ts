import { withAdminClient } from './support/postgres';

/** Drops the template and every database this run cloned from it. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.PATRON_TEST_TEMPLATE_DB;
  if (!template) return;
  await withAdminClient(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${template}%`]);
    for (const { datname } of rows.sort((a, b) => b.datname.length - a.datname.length)) {
      await c.query(`drop database if exists "${datname}" with (force)`);
    }
  });
}
