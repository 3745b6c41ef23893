import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';

/**
 * Runs one SQL statement with its `?` values sent as bind parameters, inside the EntityManager's transaction when it
 * has one, and returns its rows. MikroORM's `execute` writes the values into the statement text instead, which
 * PostgreSQL must then parse: with thousands of values (bulk writes) that parsing is most of the statement's cost.
 * An array value is sent as one PostgreSQL array, for `= any(?)` and `unnest(?::text[], …)`.
 */
export const boundQuery = async <T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> => {
  const knex = em.getTransactionContext<Knex.Transaction>() ?? (em.getConnection() as unknown as { getKnex(): Knex }).getKnex();
  const result: { rows: T[] } = await knex.raw(sql, params as Knex.RawBinding[]);
  return result.rows;
};
