import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@patron/shared-kernel';
import { OutboxMessage, OutboxPayload, OutboxStatus } from './domain/outbox-message.entity';

export interface DeliverableMessage {
  id: string;
  type: string;
  payload: OutboxPayload;
  attempts: number;
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
 * Delivery bookkeeping always runs in transactions of its own (plain forks, never joining a caller's): delivery may
 * be started from inside the relay's transaction, which commits independently.
 */
@Injectable()
export class OutboxFacade {
  private readonly logger = new Logger(OutboxFacade.name);

  constructor(private readonly em: EntityManager, private readonly clock: Clock) {}

  /**
   * Runs `deliver` for the message at most once to completion: the row is locked for the duration, skipped when
   * already delivered, and marked delivered (raw secrets erased) in the same transaction. When `deliver` succeeded
   * but the database then fails, recording the delivery is retried for about a minute, so that a retry of the job
   * does not send the message again. Errors thrown by `deliver` propagate and leave the row undelivered.
   */
  async deliverOnce(id: string, deliver: (message: DeliverableMessage) => Promise<void>): Promise<DeliveryOutcome> {
    let delivered = false;
    try {
      return await this.em.fork().transactional(async (em) => {
        const row = await em.findOne(OutboxMessage, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!row) return 'missing';
        if (row.deliveredAt || row.status === 'dead') return 'already-delivered';
        await deliver({ id: row.id, type: row.type, payload: row.payload, attempts: row.attempts });
        delivered = true;
        row.markDelivered(this.clock.now());
        return 'delivered';
      });
    } catch (error) {
      if (!delivered) throw error;
      await this.recordDeliveryAfterFailure(id, error as Error);
      return 'delivered';
    }
  }

  private async recordDeliveryAfterFailure(id: string, cause: Error): Promise<void> {
    this.logger.warn(`Message ${id} was delivered but not recorded (${cause.message}); retrying the record`);
    for (let attempt = 1, pause = 200; ; attempt++, pause = Math.min(pause * 2, 5_000)) {
      try {
        await this.em.fork().execute(
          `update "outbox_message" set "status" = 'delivered', "delivered_at" = ?, "attempts" = "attempts" + 1, "last_error" = null,
             "payload" = "payload" - 'secrets' where "id" = ? and "delivered_at" is null`,
          [this.clock.now(), id],
        );
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

  /** Puts dead messages (optionally of one type) back to pending; returns how many. */
  async requeueDead(type?: string): Promise<number> {
    return this.em.fork().nativeUpdate(
      OutboxMessage,
      // Messages cancelled because their subject was erased stay dead: they have nothing left to send.
      { status: 'dead', ...(type ? { type } : {}), $or: [{ lastError: null }, { lastError: { $ne: 'cancelled: subject erased' } }] },
      { status: 'pending', attempts: 0, relayedAt: null },
    );
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
