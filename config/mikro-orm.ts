import { Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import {
  Customer,
  Migration20261203000200_customer,
  Migration20261203000400_customer_password_lifecycle,
  Migration20261203000600_customer_email_change,
  Migration20261203001400_customer_search,
  Migration20261205000100_customer_search_statistics, Migration20261207000200_customer_kept_token,
} from '@patron/customer';
import { Migration20261203000100_outbox, Migration20261204000100_outbox_request_id, OutboxMessage } from '@patron/outbox';
import { CustomerAccessSetting, Migration20261203000700_customer_access } from '@patron/customer-access';
import { CustomerAddress, Migration20261203000800_customer_address } from '@patron/address';
import { Migration20261203000900_sales_order, SalesOrder } from '@patron/sales';
import { BackofficeUser, Migration20261203001000_backoffice_user, Migration20261206000100_backoffice_user_access, Migration20261207000100_backoffice_signed_out_token } from '@patron/user';
import { CustomerGroup, Migration20261203001100_customer_group } from '@patron/customer-group';
import { CustomerNote, CustomerNoteRevision, Migration20261203001200_customer_note } from '@patron/customer-note';
import { Migration20261203001300_customer_history } from '@patron/customer-history';
import { Migration20261203000300_refresh_token, Migration20261203000500_refresh_token_version, RefreshToken } from '@patron/auth';

/** Every entity of every module; the apps and the CLI share one metadata set. */
export const ENTITIES = [Customer, OutboxMessage, RefreshToken, CustomerAccessSetting, CustomerAddress, SalesOrder, BackofficeUser, CustomerGroup, CustomerNote, CustomerNoteRevision];

/** Every module's migrations, in the order they must run (their names sort by timestamp). */
export const MIGRATIONS = [Migration20261203000100_outbox, Migration20261203000200_customer, Migration20261203000300_refresh_token, Migration20261203000400_customer_password_lifecycle, Migration20261203000500_refresh_token_version,
  Migration20261203000600_customer_email_change,
  Migration20261203000700_customer_access,
  Migration20261203000800_customer_address,
  Migration20261203000900_sales_order,
  Migration20261203001000_backoffice_user,
  Migration20261203001100_customer_group,
  Migration20261203001200_customer_note,
  Migration20261203001300_customer_history,
  Migration20261203001400_customer_search,
  Migration20261204000100_outbox_request_id,
  Migration20261205000100_customer_search_statistics,
  Migration20261206000100_backoffice_user_access,
  Migration20261207000100_backoffice_signed_out_token,
  Migration20261207000200_customer_kept_token,
]
  .map((migration) => ({ name: migration.name, class: migration }))
  .sort((a, b) => a.name.localeCompare(b.name));

type QueryCallback = (error: Error | null, result?: unknown) => void;
interface PgConnection {
  query: (...args: unknown[]) => unknown;
  connection?: { stream?: { destroy(): void } };
}

/**
 * After a query timeout the connection still waits for the answer that never came, and the pool would queue the next
 * request's statements behind it: such a connection is ended, and the pool replaces it.
 */
const endConnectionsThatWentSilent = (connection: PgConnection, done: (error: Error | null, connection: PgConnection) => void): void => {
  const query = connection.query.bind(connection);
  connection.query = (...args: unknown[]) => {
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: Error | null, result?: unknown) => {
        if (error?.message === 'Query read timeout') connection.connection?.stream?.destroy();
        (callback as QueryCallback)(error, result);
      };
    }
    return query(...args);
  };
  done(null, connection);
};

export interface DatabaseOptions {
  databaseUrl: string;
  debug?: boolean;
  poolMax?: number;
  /** Longest a statement may take before it is cancelled and its query fails (0: no limit, for migrations and imports). */
  queryTimeoutMs?: number;
}

/** MikroORM options for PostgreSQL; schema changes come only from the committed migrations. */
export const mikroOrmOptions = ({ databaseUrl, debug = false, poolMax = 10, queryTimeoutMs = 0 }: DatabaseOptions): Options<PostgreSqlDriver> => ({
  driver: PostgreSqlDriver,
  clientUrl: databaseUrl,
  entities: ENTITIES,
  discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
  // No `extensions: [Migrator]`: `orm.getMigrator()` loads @mikro-orm/migrations when first called (migrations at
  // start, `cli migrate`), so processes that only serve never load it.
  migrations: {
    migrationsList: MIGRATIONS,
    tableName: 'mikro_orm_migrations',
    transactional: true,
    silent: true,
    allOrNothing: true,
    snapshot: false,
    snapshotName: '.snapshot-patron',
  },
  pool: { min: 0, max: poolMax, ...(queryTimeoutMs > 0 ? { afterCreate: endConnectionsThatWentSilent } : {}) },
  // A database that is down, unreachable or stalled is a quick 503, not a hanging request: a connection attempt gives
  // up after 5 s, a query waits at most 10 s for a free connection of the pool, and with a query timeout the server
  // cancels a statement running longer (statement_timeout) while the client stops waiting for an answer that never
  // comes on a connection that went silent (query_timeout, a little later so the server's cancel wins when it can).
  driverOptions: {
    acquireConnectionTimeout: 10_000,
    connection: {
      connectionTimeoutMillis: 5_000,
      ...(queryTimeoutMs > 0 ? { statement_timeout: queryTimeoutMs, query_timeout: queryTimeoutMs + 500 } : {}),
    },
  },
  allowGlobalContext: false,
  forceUtcTimezone: true,
  debug,
});
