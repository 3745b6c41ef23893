import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { maskEmail } from '@patron/shared-kernel';
import { randomUUID } from 'node:crypto';

/** `last_error` of messages cancelled because their subject was erased. */
export const CANCELLED = 'cancelled: subject erased';

export type OutboxStatus = 'pending' | 'relayed' | 'delivered' | 'dead';

export interface OutboxPayload {
  [key: string]: unknown;
  /** Values that must not outlive delivery (raw tokens); erased with every personal field when the message is delivered. */
  secrets?: Record<string, string>;
}

/** A message written in the same transaction as the change that causes it, delivered later by the relay. */
@Entity({ tableName: 'outbox_message' })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'jsonb' })
  payload!: OutboxPayload;

  /** Who the message is about (a customer reference), so it can be found and erased. */
  @Property({ type: 'text', nullable: true })
  subject?: string | null;

  @Enum({ items: ['pending', 'relayed', 'delivered', 'dead'], type: 'text' })
  status: OutboxStatus = 'pending';

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** The request that wrote the message (`X-Request-Id`), also on the mail job and in the worker's log lines. */
  @Property({ type: 'text', nullable: true })
  requestId?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  relayedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  static create(type: string, payload: OutboxPayload, subject?: string, requestId?: string): OutboxMessage {
    const message = new OutboxMessage();
    message.requestId = requestId ?? null;
    message.type = type;
    message.payload = payload;
    message.subject = subject ?? null;
    return message;
  }

  markDelivered(now: Date): void {
    this.status = 'delivered';
    this.deliveredAt = now;
    this.attempts += 1;
    this.lastError = null;
    this.payload = OutboxMessage.deliveredPayload(this.payload);
  }

  /**
   * What a delivered message keeps: its locale and the recipient masked (for ops and the development mailbox).
   * Raw tokens and personal fields (names, addresses) are gone once they have served their purpose.
   */
  static deliveredPayload(payload: OutboxPayload): OutboxPayload {
    return {
      ...(typeof payload.locale === 'string' ? { locale: payload.locale } : {}),
      ...(typeof payload.to === 'string' ? { to: maskEmail(payload.to) } : {}),
    };
  }

  recordFailure(error: string, final: boolean): void {
    this.attempts += 1;
    this.lastError = error.slice(0, 2000);
    if (final) this.status = 'dead';
  }
}
