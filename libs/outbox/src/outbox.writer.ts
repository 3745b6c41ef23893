import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock, currentRequestId } from '@patron/shared-kernel';
import { CANCELLED, OutboxMessage, OutboxPayload } from './domain/outbox-message.entity';

export interface NewOutboxMessage {
  type: string;
  payload: OutboxPayload;
  subject?: string;
}

/** Adds messages to the outbox inside the caller's transaction. */
@Injectable()
export class OutboxWriter {
  constructor(private readonly clock: Clock) {}

  /** Persists the message with `em` (the caller's transactional EntityManager); nothing is sent before commit. */
  add(em: EntityManager, message: NewOutboxMessage): OutboxMessage {
    const row = OutboxMessage.create(message.type, message.payload, message.subject, currentRequestId());
    row.createdAt = this.clock.now();
    em.persist(row);
    return row;
  }

  /**
   * Erases what the outbox holds about `subject` inside the caller's transaction: every payload is emptied, and
   * messages not yet delivered are cancelled (marked dead), so nothing personal is sent or kept after a deletion.
   */
  async eraseSubject(em: EntityManager, subject: string): Promise<void> {
    await em.getConnection().execute(
      `update "outbox_message" set "payload" = '{}'::jsonb,
         "status" = case when "status" = 'delivered' then 'delivered' else 'dead' end,
         "last_error" = case when "status" = 'delivered' then "last_error" else ? end
       where "subject" = ?`,
      [CANCELLED, subject],
      'run',
      em.getTransactionContext(),
    );
  }
}
