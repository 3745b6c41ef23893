import { MikroORM } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import { mikroOrmOptions } from '../mikro-orm';
import { ensureDatabaseExists, migrateWithLock, pendingMigrations } from '../migrate';
import { databaseUrl, withAdminClient } from '../../test/support/postgres';

describe('migrations at start', () => {
  const name = `patron_migrate_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  afterAll(() => withAdminClient((c) => c.query(`drop database if exists "${name}" with (force)`)));

  it('creates a missing database, and processes starting together apply each migration once', async () => {
    expect(await ensureDatabaseExists(url)).toBe(true);
    expect(await ensureDatabaseExists(url)).toBe(false);

    const orms = await Promise.all([1, 2, 3].map(() => MikroORM.init(mikroOrmOptions({ databaseUrl: url }))));
    try {
      const applied = await Promise.all(orms.map((orm) => migrateWithLock(orm, url)));
      const all = applied.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBeGreaterThanOrEqual(3);
      expect(await pendingMigrations(orms[0])).toEqual([]);
      const rows = await orms[0].em.getConnection().execute('select name from mikro_orm_migrations');
      expect(rows).toHaveLength(all.length);
    } finally {
      await Promise.all(orms.map((orm) => orm.close(true)));
    }
  });
});
