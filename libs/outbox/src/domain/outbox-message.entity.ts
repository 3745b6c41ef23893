import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export type OutboxStatus = 'pending' | 'relayed' | 'delivered' | 'dead';

export interface OutboxPayload {
  [key: string]: unknown;
  /** Values that must not outlive delivery (raw tokens); erased when the message is delivered. */
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

  @Property({ type: 'timestamptz', nullable: true })
  relayedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  static create(type: string, payload: OutboxPayload, subject?: string): OutboxMessage {
    const message = new OutboxMessage();
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
    const { secrets: _erased, ...rest } = this.payload;
    this.payload = rest;
  }

  recordFailure(error: string, final: boolean): void {
    this.attempts += 1;
    this.lastError = error.slice(0, 2000);
    if (final) this.status = 'dead';
  }
}
