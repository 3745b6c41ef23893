import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
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

@Injectable()
export class OutboxFacade {
  constructor(private readonly em: EntityManager, private readonly clock: Clock) {}

  /**
   * Runs `deliver` for the message at most once to completion: the row is locked for the duration, skipped when
   * already delivered, and marked delivered (raw secrets erased) in the same transaction.
   * Errors thrown by `deliver` propagate and leave the row undelivered.
   */
  async deliverOnce(id: string, deliver: (message: DeliverableMessage) => Promise<void>): Promise<DeliveryOutcome> {
    return this.em.fork().transactional(async (em) => {
      const row = await em.findOne(OutboxMessage, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!row) return 'missing';
      if (row.deliveredAt || row.status === 'dead') return 'already-delivered';
      await deliver({ id: row.id, type: row.type, payload: row.payload, attempts: row.attempts });
      row.markDelivered(this.clock.now());
      return 'delivered';
    });
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
      { status: 'dead', ...(type ? { type } : {}) },
      { status: 'pending', attempts: 0, relayedAt: null },
    );
  }

  /** Lists messages about one subject (newest first), for support and tests. */
  async listBySubject(subject: string): Promise<OutboxMessageView[]> {
    const rows = await this.em.fork().find(OutboxMessage, { subject }, { orderBy: { createdAt: 'desc' } });
    return rows.map((r) => ({
      id: r.id, type: r.type, status: r.status, subject: r.subject ?? null, attempts: r.attempts,
      lastError: r.lastError ?? null, createdAt: r.createdAt, deliveredAt: r.deliveredAt ?? null,
    }));
  }
}
