import type { Migration as MikroOrmMigration } from '@mikro-orm/migrations';
import { dirname, join } from 'node:path';

/**
 * MikroORM's migration base class, for the modules' migrations. Taken from its own file: the package's main entry
 * also loads the migrator (umzug, its command-line tooling and more), and since every lib exports its migrations,
 * every process would load all that at start. The migrator, loaded when migrations run, finds this same class
 * (one module file, so one class).
 */
export const Migration: typeof MikroOrmMigration = require(join(dirname(require.resolve('@mikro-orm/migrations')), 'Migration.js')).Migration;
export type Migration = MikroOrmMigration;
