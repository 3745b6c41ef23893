import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { OutboxConfig } from '../outbox.config';
import { DispatchedMessage, OUTBOX_DISPATCHER, OutboxDispatcher } from '../extension/outbox-dispatcher';

/**
 * Moves pending outbox rows to the dispatcher. Rows are claimed with `for update skip locked`, so any number of
 * relays (processes) can run against one database; a dispatch failure (queue down) rolls the claim back and the
 * rows stay pending until the next poll.
 */
@Injectable()
export class OutboxRelay implements OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastSweep = 0;
  private failing = false;
  /** Set when the dispatcher reconnected: messages relayed before then are handed over again. */
  private reconnected = false;

  constructor(
    private readonly em: EntityManager,
    private readonly config: OutboxConfig,
    @Inject(OUTBOX_DISPATCHER) private readonly dispatcher: OutboxDispatcher,
  ) {
    dispatcher.onReconnect?.(() => {
      this.reconnected = true;
      this.wake?.();
    });
  }

  /** Starts polling in the background (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Stops before the dispatcher's connections and the database close (they close at application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Relays one batch of pending rows; returns how many were handed over. */
  async relayBatch(): Promise<number> {
    return this.em.fork().transactional(async (em) => {
      const rows: DispatchedMessage[] = await em.execute(
        `select "id", "type", "request_id" as "requestId" from "outbox_message" where "status" = 'pending'
          order by "created_at" limit ? for update skip locked`,
        [this.config.batchSize],
      );
      if (rows.length === 0) return 0;
      await this.dispatcher.dispatch(rows);
      await em.execute(
        `update "outbox_message" set "status" = 'relayed', "relayed_at" = now() where "id" in (?)`,
        [rows.map((r) => r.id)],
      );
      return rows.length;
    });
  }

  /** Hands rows that were relayed long ago but never delivered to the dispatcher again (queue data lost). */
  async redispatchStuck(): Promise<number> {
    return this.em.fork().transactional(async (em) => {
      const rows: DispatchedMessage[] = await em.execute(
        `select "id", "type", "request_id" as "requestId" from "outbox_message" where "status" = 'relayed' and "relayed_at" < now() - (? * interval '1 millisecond')
          order by "relayed_at" limit ? for update skip locked`,
        [this.config.redispatchAfterMs, this.config.batchSize],
      );
      if (rows.length === 0) return 0;
      await (this.dispatcher.redispatch ? this.dispatcher.redispatch(rows) : this.dispatcher.dispatch(rows));
      await em.execute(`update "outbox_message" set "relayed_at" = now() where "id" in (?)`, [
        rows.map((r) => r.id),
      ]);
      this.logger.warn(`Re-dispatched ${rows.length} outbox message(s) relayed but not delivered`);
      return rows.length;
    });
  }

  /**
   * Hands every message relayed before now and still undelivered to the dispatcher again, in batches: after the
   * transport reconnected, jobs it held may be gone; the dispatcher leaves alone those whose job survived.
   */
  async redispatchAfterReconnect(): Promise<number> {
    this.reconnected = false;
    const [{ cutoff }] = await this.em.fork().execute<{ cutoff: Date }[]>(`select now() as cutoff`);
    let total = 0;
    try {
      for (let handed = this.config.batchSize; handed === this.config.batchSize; total += handed) {
        handed = await this.em.fork().transactional(async (em) => {
          const rows: DispatchedMessage[] = await em.execute(
            `select "id", "type" from "outbox_message" where "status" = 'relayed' and "relayed_at" < ?
              order by "relayed_at" limit ? for update skip locked`,
            [cutoff, this.config.batchSize],
          );
          if (rows.length === 0) return 0;
          await (this.dispatcher.redispatch ? this.dispatcher.redispatch(rows) : this.dispatcher.dispatch(rows));
          await em.execute(`update "outbox_message" set "relayed_at" = now() where "id" in (?)`, [rows.map((r) => r.id)]);
          return rows.length;
        });
      }
    } catch (error) {
      this.reconnected = true; // again at the next poll
      throw error;
    }
    if (total) this.logger.warn(`Handed ${total} relayed, undelivered outbox message(s) over again after the dispatcher reconnected`);
    return total;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed = 0;
      try {
        if (this.reconnected) await this.redispatchAfterReconnect();
        relayed = await this.relayBatch();
        if (Date.now() - this.lastSweep >= this.config.sweepIntervalMs) {
          this.lastSweep = Date.now();
          await this.redispatchStuck();
        }
        if (this.failing) this.logger.log('Outbox relay recovered');
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.logger.error(`Outbox relay failed, retrying: ${(error as Error).message}`);
        this.failing = true;
      }
      if (relayed < this.config.batchSize && this.running) await this.sleep(this.config.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
