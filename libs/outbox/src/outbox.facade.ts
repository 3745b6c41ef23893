import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@patron/shared-kernel';
import { CANCELLED, OutboxMessage, OutboxPayload, OutboxStatus } from './domain/outbox-message.entity';

export interface DeliverableMessage {
  id: string;
  type: string;
  payload: OutboxPayload;
  attempts: number;
}

export interface OutboxBacklog {
  pending: number;
  relayed: number;
  dead: number;
  /** Age of the oldest message not yet delivered (pending or relayed); 0 when there is none. */
  oldestUndeliveredAgeSeconds: number;
}

export interface OutboxStatusReport {
  byStatus: Record<OutboxStatus, number>;
  byStatusAndType: { status: OutboxStatus; type: string; count: number }[];
  oldestUndeliveredAgeSeconds: number;
}

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'missing';

export interface OutboxMessageView {
  id: string;
  type: string;
  status: OutboxStatus;
  subject: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/**
 * Delivery bookkeeping always runs in transactions of its own (plain forks or a pooled connection, never joining a
 * caller's): delivery may be started from inside the relay's transaction, which commits independently.
 */
@Injectable()
export class OutboxFacade {
  private readonly logger = new Logger(OutboxFacade.name);

  constructor(private readonly em: EntityManager, private readonly clock: Clock) {}

  /**
   * Runs `deliver` for the message at most once to completion: the row is locked for the duration, skipped when
   * already delivered, and marked delivered (raw secrets erased) in the same transaction. Nothing but one `update`
   * and the commit, sent together, runs between `deliver` resolving and the record: a process killed in that instant
   * is the only way a message goes out twice. When `deliver` succeeded but the database then fails, recording the
   * delivery is retried for about a minute, so that a retry of the job does not send the message again. Errors
   * thrown by `deliver` propagate and leave the row undelivered.
   */
  async deliverOnce(id: string, deliver: (message: DeliverableMessage) => Promise<void>): Promise<DeliveryOutcome> {
    let delivered = false;
    try {
      return await this.withLockingConnection(async (run) => {
        const [, locked] = await run<[unknown, { rows: LockedRow[] }]>(`begin; ${LOCK_FOR_DELIVERY}`, [id]);
        const row = locked.rows[0];
        if (!row || row.deliveredAt || row.status === 'dead') {
          await run('rollback');
          return row ? 'already-delivered' : 'missing';
        }
        const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as OutboxPayload) : row.payload;
        await deliver({ id: row.id, type: row.type, payload, attempts: row.attempts });
        delivered = true;
        await run(`${MARK_DELIVERED}; commit`, [this.clock.now(), JSON.stringify(OutboxMessage.deliveredPayload(payload)), id]);
        return 'delivered';
      });
    } catch (error) {
      if (!delivered) throw error;
      await this.recordDeliveryAfterFailure(id, error as Error);
      return 'delivered';
    }
  }

  /**
   * One connection of the pool for a hand-written transaction, outside MikroORM's unit of work and knex's
   * transaction wrapper, which cost more CPU per mail than sending it: `run` sends statements with their values
   * inlined (as `em.execute` does), so a few statements go in one round trip. A transaction left open by an error is
   * rolled back before the connection goes back to the pool (a broken one is discarded by the pool).
   */
  private async withLockingConnection<T>(work: (run: <R>(sql: string, params?: unknown[]) => Promise<R>) => Promise<T>): Promise<T> {
    const knex = this.em.getConnection().getKnex();
    const platform = this.em.getPlatform();
    const connection = await knex.client.acquireConnection();
    const run = async <R>(sql: string, params: unknown[] = []): Promise<R> =>
      (await knex.raw(platform.formatQuery(sql, params)).connection(connection)) as R;
    try {
      return await work(run);
    } catch (error) {
      await run('rollback').catch(() => undefined);
      throw error;
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }

  private async recordDeliveryAfterFailure(id: string, cause: Error): Promise<void> {
    this.logger.warn(`Message ${id} was delivered but not recorded (${cause.message}); retrying the record`);
    for (let attempt = 1, pause = 200; ; attempt++, pause = Math.min(pause * 2, 5_000)) {
      try {
        await this.em.fork().transactional(async (em) => {
          const row = await em.findOne(OutboxMessage, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (row && !row.deliveredAt) row.markDelivered(this.clock.now());
        });
        return;
      } catch (error) {
        if (attempt >= 15) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  /** Records a failed delivery attempt; `final` marks the message dead (kept with its error for ops). */
  async recordFailure(id: string, error: string, final: boolean): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const row = await em.findOne(OutboxMessage, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!row || row.deliveredAt) return;
      row.recordFailure(error, final);
    });
  }

  /**
   * Puts dead messages back to pending, optionally only of one type and created at or after `since`; returns how
   * many. Messages cancelled because their subject was erased stay dead: they have nothing left to send.
   */
  async requeueDead(filter: { type?: string; since?: Date } = {}): Promise<number> {
    return this.em.fork().nativeUpdate(
      OutboxMessage,
      {
        status: 'dead',
        ...(filter.type ? { type: filter.type } : {}),
        ...(filter.since ? { createdAt: { $gte: filter.since } } : {}),
        $or: [{ lastError: null }, { lastError: { $ne: CANCELLED } }],
      },
      { status: 'pending', attempts: 0, relayedAt: null },
    );
  }

  /** Deletes delivered messages delivered before `before` (the retention period); returns how many. */
  async purgeDelivered(before: Date): Promise<number> {
    return this.em.fork().nativeDelete(OutboxMessage, { status: 'delivered', deliveredAt: { $lt: before } });
  }

  /**
   * What is waiting: pending, relayed (handed over, not yet delivered) and dead messages, and the age of the oldest
   * one not yet delivered. Cheap (partial indexes only), for health checks and metrics.
   */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.em.fork().getConnection().execute<{ pending: string; relayed: string; dead: string; oldest: Date | string | null }[]>(
      `select (select count(*) from "outbox_message" where "status" = 'pending') as pending,
              (select count(*) from "outbox_message" where "status" = 'relayed') as relayed,
              (select count(*) from "outbox_message" where "status" = 'dead') as dead,
              least((select min("created_at") from "outbox_message" where "status" = 'pending'),
                    (select min("created_at") from "outbox_message" where "status" = 'relayed')) as oldest`,
    );
    return {
      pending: Number(row.pending),
      relayed: Number(row.relayed),
      dead: Number(row.dead),
      oldestUndeliveredAgeSeconds: row.oldest ? Math.max(0, (this.clock.now().getTime() - new Date(row.oldest).getTime()) / 1000) : 0,
    };
  }

  /** Counts by status and type (a full count: for the ops command line), and the backlog's oldest age. */
  async status(): Promise<OutboxStatusReport> {
    const conn = this.em.fork().getConnection();
    const counts = await conn.execute<{ status: OutboxStatus; type: string; n: string }[]>(
      `select "status", "type", count(*) as n from "outbox_message" group by "status", "type" order by "status", "type"`,
    );
    const byStatus: Record<OutboxStatus, number> = { pending: 0, relayed: 0, delivered: 0, dead: 0 };
    for (const row of counts) byStatus[row.status] += Number(row.n);
    return {
      byStatus,
      byStatusAndType: counts.map((r) => ({ status: r.status, type: r.type, count: Number(r.n) })),
      oldestUndeliveredAgeSeconds: (await this.backlog()).oldestUndeliveredAgeSeconds,
    };
  }

  /** The newest messages (any subject), for the development mailbox. */
  async listLatest(limit: number): Promise<(OutboxMessageView & { recipient: string | null })[]> {
    const rows = await this.em.fork().find(OutboxMessage, {}, { orderBy: { createdAt: 'desc' }, limit });
    return rows.map((r) => ({ ...toView(r), recipient: typeof r.payload.to === 'string' ? r.payload.to : null }));
  }

  /** Lists messages about one subject (newest first), for support and tests. */
  async listBySubject(subject: string): Promise<OutboxMessageView[]> {
    const rows = await this.em.fork().find(OutboxMessage, { subject }, { orderBy: { createdAt: 'desc' } });
    return rows.map(toView);
  }
}

interface LockedRow {
  id: string;
  type: string;
  payload: OutboxPayload | string;
  attempts: number;
  status: OutboxStatus;
  deliveredAt: Date | null;
}

const LOCK_FOR_DELIVERY = `select "id", "type", "payload", "attempts", "status", "delivered_at" as "deliveredAt" from "outbox_message" where "id" = ? for update`;

/** What `OutboxMessage.markDelivered` does, as one statement. */
const MARK_DELIVERED = `update "outbox_message" set "status" = 'delivered', "delivered_at" = ?, "attempts" = "attempts" + 1, "last_error" = null, "payload" = ?::jsonb where "id" = ?`;

const toView = (r: OutboxMessage): OutboxMessageView => ({
  id: r.id,
  type: r.type,
  status: r.status,
  subject: r.subject ?? null,
  attempts: r.attempts,
  lastError: r.lastError ?? null,
  createdAt: r.createdAt,
  deliveredAt: r.deliveredAt ?? null,
});
