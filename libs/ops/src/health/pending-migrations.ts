import { MikroORM } from '@mikro-orm/core';

/** A migration's name as MikroORM's migration table stores it (without a .js or .ts extension). */
const storedName = (name: string): string => name.replace(/\.[jt]s$/, '');

/**
 * Names of the configured migrations (`migrations.migrationsList`) that the migration table does not list, in order.
 * Reads the table directly instead of asking `orm.getMigrator()`, which would load the migrator (umzug and its
 * dependencies, about a third of a process's start-up time) into every serving process for one query; and unlike the
 * migrator, it does not create the table when it is missing (every migration is then pending).
 */
export const pendingMigrations = async (orm: MikroORM): Promise<string[]> => {
  const { migrationsList = [], tableName = 'mikro_orm_migrations' } = orm.config.get('migrations');
  const configured = migrationsList.map((migration) => storedName(migration.name));
  const table = tableName.split('.').map((part) => orm.em.getPlatform().quoteIdentifier(part)).join('.');
  const connection = orm.em.fork().getConnection();
  // Asked first rather than caught: not every driver reports a missing table as TableNotFoundException.
  const [{ present }] = await connection.execute<{ present: boolean }[]>(`select to_regclass(?) is not null as present`, [table]);
  const rows: { name: string }[] = present ? await connection.execute(`select name from ${table}`) : [];
  const applied = new Set(rows.map((row) => storedName(row.name)));
  return configured.filter((name) => !applied.has(name));
};
