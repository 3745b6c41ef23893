import { EntityManager } from '@mikro-orm/core';
import { Global, Injectable, Module } from '@nestjs/common';
import { Actor, boundQuery, Clock, currentActor } from '@patron/shared-kernel';

export const HISTORY_EVENTS = [
  'registered', 'confirmed', 'profile-updated', 'email-change-requested', 'email-change-confirmed', 'password-changed',
  'password-reset-requested', 'password-reset', 'address-added', 'address-updated', 'address-deleted', 'group-added',
  'group-removed', 'note-added', 'anonymized', 'imported',
] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** Detail keys that hold personal data, erased when the customer is deleted. */
const PERSONAL_DETAILS = ['newEmail'];

export interface HistoryEntry {
  event: HistoryEvent;
  actor: Actor;
  details: Record<string, unknown>;
  occurredAt: Date;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  total: number;
}

/**
 * The append-only timeline of what happened to a customer. Modules record entries with their transaction's
 * EntityManager, so an entry exists exactly when its change committed; the actor comes from the request context.
 */
@Injectable()
export class CustomerHistory {
  constructor(private readonly clock: Clock, private readonly em: EntityManager) {}

  /** Appends an entry inside the caller's transaction. */
  async record(em: EntityManager, customerReference: string | string[], event: HistoryEvent, details: Record<string, unknown> = {}): Promise<void> {
    const references = [customerReference].flat();
    if (!references.length) return;
    const actor = currentActor();
    const now = this.clock.now();
    await boundQuery(
      em,
      `insert into customer_history (customer_reference, event, actor_type, actor_id, actor_name, details, occurred_at)
       select unnest(?::text[]), ?, ?, ?, ?, ?::jsonb, ?`,
      [references, event, actor.type, actor.id, actor.name, JSON.stringify(details), now],
    );
  }

  /** Removes the personal data entries carry (a requested new email) inside the caller's transaction, on deletion. */
  async erasePersonalDetails(em: EntityManager, customerReference: string): Promise<void> {
    await em.getConnection().execute(
      `update customer_history set details = details ${PERSONAL_DETAILS.map((key) => `- '${key}'`).join(' ')} where customer_reference = ?`,
      [customerReference],
      'run',
      em.getTransactionContext(),
    );
  }

  /** A page of a customer's timeline, newest first. */
  async list(customerReference: string, offset: number, limit: number): Promise<HistoryPage> {
    const conn = this.em.getConnection();
    const rows = await conn.execute<Record<string, unknown>[]>(
      `select event, actor_type, actor_id, actor_name, details, occurred_at from customer_history
       where customer_reference = ? order by id desc offset ? limit ?`,
      [customerReference, offset, limit],
    );
    const [{ n }] = await conn.execute<{ n: string }[]>('select count(*) as n from customer_history where customer_reference = ?', [customerReference]);
    return {
      entries: rows.map((r: Record<string, unknown>) => ({
        event: r.event as HistoryEvent,
        actor: { type: r.actor_type as Actor['type'], id: (r.actor_id as string | null) ?? null, name: (r.actor_name as string | null) ?? null },
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
        occurredAt: new Date(r.occurred_at as string),
      })),
      total: Number(n),
    };
  }
}

/** Global: every module records into the same timeline. */
@Global()
@Module({ providers: [CustomerHistory], exports: [CustomerHistory] })
export class CustomerHistoryModule {}
