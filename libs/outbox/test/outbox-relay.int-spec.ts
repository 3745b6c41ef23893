import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Test, TestingModule } from '@nestjs/testing';
import { mikroOrmOptions } from '@patron/config';
import {
  DispatchedMessage,
  OUTBOX_DISPATCHER,
  OutboxConfig,
  OutboxDispatcher,
  OutboxModule,
  OutboxRelay,
  OutboxStatus,
  OutboxWriter,
} from '@patron/outbox';
import { KernelModule } from '@patron/shared-kernel';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { sleep, waitFor } from '../../../test/support/wait-for';

/** Records every batch it is handed; optionally holds each batch until released (to overlap two relays). */
class RecordingDispatcher implements OutboxDispatcher {
  readonly batches: DispatchedMessage[][] = [];
  private gate?: Promise<void>;
  private openGate?: () => void;
  private entered: (() => void)[] = [];

  constructor(private readonly delayMs = 0) {}

  async dispatch(messages: DispatchedMessage[]): Promise<void> {
    this.batches.push(messages.map((m) => ({ id: m.id, type: m.type })));
    this.entered.splice(0).forEach((wake) => wake());
    if (this.gate) await this.gate;
    if (this.delayMs) await sleep(this.delayMs);
  }

  get ids(): string[] {
    return this.batches.flat().map((m) => m.id);
  }

  /** Makes the next dispatches wait until `release()`. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  /** Resolves when a batch is (or has been) handed over. */
  whenDispatching(): Promise<void> {
    if (this.batches.length) return Promise.resolve();
    return new Promise((resolve) => this.entered.push(resolve));
  }
}

/** A queue that is down: every dispatch throws. */
class ThrowingDispatcher implements OutboxDispatcher {
  calls = 0;

  async dispatch(_messages: DispatchedMessage[]): Promise<void> {
    this.calls += 1;
    throw new Error('queue unavailable');
  }
}

interface RelayHarness {
  module: TestingModule;
  relay: OutboxRelay;
  orm: MikroORM;
}

interface Row {
  id: string;
  type: string;
  status: OutboxStatus;
  relayed_at: Date | null;
}

describe('OutboxRelay (real PostgreSQL)', () => {
  let db: TestDatabase;
  const harnesses: RelayHarness[] = [];
  let main: RelayHarness;

  /** One "process": its own Nest module, MikroORM and connection pool, relaying through `dispatcher`. */
  const relayProcess = async (dispatcher: OutboxDispatcher, config: Partial<OutboxConfig> = {}): Promise<RelayHarness> => {
    const module = await Test.createTestingModule({
      imports: [MikroOrmModule.forRoot(mikroOrmOptions({ databaseUrl: db.url })), KernelModule, OutboxModule.forRoot({ config })],
      providers: [OutboxRelay, { provide: OUTBOX_DISPATCHER, useValue: dispatcher }],
    }).compile();
    await module.init();
    const harness: RelayHarness = { module, relay: module.get(OutboxRelay), orm: module.get<MikroORM>(MikroORM) };
    harnesses.push(harness);
    return harness;
  };

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
    main.orm.em.getConnection().execute(query, params);

  const rows = (): Promise<Row[]> => sql<Row>('select id, type, status, relayed_at from outbox_message order by created_at, id');

  /** Adds `count` messages in one transaction through OutboxWriter, as a module's command handler would. */
  const addMessages = async (count: number, type = 'test.message'): Promise<string[]> => {
    const writer = main.module.get(OutboxWriter);
    const ids: string[] = [];
    await main.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < count; i++) {
        // Distinct creation times keep "order by created_at" deterministic.
        const row = writer.add(em, { type, subject: `S-${i}`, payload: { n: i, secrets: { token: `t-${i}` } } });
        row.createdAt = new Date(Date.now() - 60_000 + i);
        ids.push(row.id);
      }
    });
    return ids;
  };

  const expectNoDuplicates = (ids: string[]) => expect(ids.length).toBe(new Set(ids).size);

  beforeAll(async () => {
    db = await createTestDatabase();
    main = await relayProcess(new RecordingDispatcher());
  });

  afterEach(async () => {
    // Relays started by a test must not outlive it.
    for (const h of harnesses) await h.relay.stop();
    while (harnesses.length > 1) await harnesses.pop()!.module.close();
    await sql('delete from outbox_message');
  });

  afterAll(async () => {
    for (const h of harnesses) await h.module.close();
    await db?.drop();
  });

  it('hands every pending row to the dispatcher once, in creation order and in batches, and marks it relayed', async () => {
    const dispatcher = new RecordingDispatcher();
    const { relay } = await relayProcess(dispatcher, { batchSize: 2 });
    const ids = await addMessages(5);
    expect((await rows()).map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);

    expect(await relay.relayBatch()).toBe(2);
    expect(await relay.relayBatch()).toBe(2);
    expect(await relay.relayBatch()).toBe(1);
    expect(await relay.relayBatch()).toBe(0);
    expect(await relay.relayBatch()).toBe(0);

    expect(dispatcher.batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(dispatcher.ids).toEqual(ids);
    expect(dispatcher.batches.flat().every((m) => m.type === 'test.message')).toBe(true);
    const after = await rows();
    expect(after.map((r) => r.status)).toEqual(['relayed', 'relayed', 'relayed', 'relayed', 'relayed']);
    for (const row of after) expect(new Date(row.relayed_at as Date).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('relays only pending rows, never relayed, delivered or dead ones', async () => {
    const dispatcher = new RecordingDispatcher();
    const { relay } = await relayProcess(dispatcher);
    const [relayed, delivered, dead, pending] = await addMessages(4);
    await sql(`update outbox_message set status = 'relayed', relayed_at = now() where id = ?`, [relayed]);
    await sql(`update outbox_message set status = 'delivered', delivered_at = now() where id = ?`, [delivered]);
    await sql(`update outbox_message set status = 'dead' where id = ?`, [dead]);

    expect(await relay.relayBatch()).toBe(1);
    expect(dispatcher.ids).toEqual([pending]);
  });

  it('relays rows written while it runs in the background, each once', async () => {
    const dispatcher = new RecordingDispatcher();
    const { relay } = await relayProcess(dispatcher, { pollIntervalMs: 50 });
    relay.start();
    relay.start(); // idempotent: still one loop

    const first = await addMessages(3);
    await waitFor(() => dispatcher.ids.length >= 3, { what: 'the first rows to be dispatched' });
    const second = await addMessages(2);
    await waitFor(async () => (await rows()).every((r) => r.status === 'relayed'), { what: 'every row to be relayed' });
    await relay.stop();

    expect(dispatcher.ids.sort()).toEqual([...first, ...second].sort());
  });

  it('leaves the rows pending when the dispatcher throws, and relays them once it works again', async () => {
    const failing = new ThrowingDispatcher();
    const down = await relayProcess(failing, { pollIntervalMs: 20 });
    const ids = await addMessages(3);

    await expect(down.relay.relayBatch()).rejects.toThrow('queue unavailable');
    expect(failing.calls).toBe(1);
    let now = await rows();
    expect(now.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(now.every((r) => r.relayed_at === null)).toBe(true);

    // The background loop keeps retrying without giving up or marking anything.
    down.relay.start();
    await waitFor(() => failing.calls >= 5, { what: 'the relay to retry the failing dispatch' });
    await down.relay.stop();
    now = await rows();
    expect(now.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(now.every((r) => r.relayed_at === null)).toBe(true);

    const working = new RecordingDispatcher();
    const up = await relayProcess(working);
    expect(await up.relay.relayBatch()).toBe(3);
    expect(working.ids).toEqual(ids);
    expect((await rows()).map((r) => r.status)).toEqual(['relayed', 'relayed', 'relayed']);
  });

  it('does not let a second relay take rows while the first is dispatching them (for update skip locked)', async () => {
    const slow = new RecordingDispatcher();
    const other = new RecordingDispatcher();
    const a = await relayProcess(slow);
    const b = await relayProcess(other);
    const ids = await addMessages(4);

    slow.hold();
    const first = a.relay.relayBatch();
    try {
      await slow.whenDispatching();
      // A holds its claim (and its row locks) until its dispatch returns: B must find nothing to take.
      expect(await b.relay.relayBatch()).toBe(0);
      expect(other.batches).toEqual([]);
    } finally {
      slow.release();
    }
    expect(await first).toBe(4);

    expect(slow.ids).toEqual(ids);
    expect(await b.relay.relayBatch()).toBe(0);
    expect(other.ids).toEqual([]);
    expect((await rows()).every((r) => r.status === 'relayed')).toBe(true);
  });

  it('never dispatches a row twice when two relays poll the same table at once', async () => {
    const left = new RecordingDispatcher(5);
    const right = new RecordingDispatcher(5);
    const a = await relayProcess(left, { batchSize: 7, pollIntervalMs: 10 });
    const b = await relayProcess(right, { batchSize: 7, pollIntervalMs: 10 });
    a.relay.start();
    b.relay.start();
    const ids = await addMessages(150);

    await waitFor(async () => (await sql<{ n: string }>(`select count(*) as n from outbox_message where status = 'relayed'`))[0].n === '150', {
      timeoutMs: 20_000,
      what: 'all 150 rows to be relayed',
    });
    await Promise.all([a.relay.stop(), b.relay.stop()]);

    const dispatched = [...left.ids, ...right.ids];
    expectNoDuplicates(dispatched);
    expect(dispatched.sort()).toEqual([...ids].sort());
    // Both took part, otherwise this proves nothing about concurrency.
    expect(left.ids.length).toBeGreaterThan(0);
    expect(right.ids.length).toBeGreaterThan(0);
  });

  it('re-dispatches rows relayed long ago and still not delivered, and only those', async () => {
    const dispatcher = new RecordingDispatcher();
    const { relay } = await relayProcess(dispatcher, { redispatchAfterMs: 5 * 60_000 });
    const [stuck, recent, delivered, dead, pending] = await addMessages(5);
    await sql(`update outbox_message set status = 'relayed', relayed_at = now() - interval '10 minutes' where id = ?`, [stuck]);
    await sql(`update outbox_message set status = 'relayed', relayed_at = now() - interval '1 minute' where id = ?`, [recent]);
    await sql(`update outbox_message set status = 'delivered', relayed_at = now() - interval '10 minutes', delivered_at = now() where id = ?`, [delivered]);
    await sql(`update outbox_message set status = 'dead', relayed_at = now() - interval '10 minutes' where id = ?`, [dead]);

    expect(await relay.redispatchStuck()).toBe(1);
    expect(dispatcher.batches).toEqual([[{ id: stuck, type: 'test.message' }]]);

    const [row] = await sql<{ status: string; fresh: boolean }>(
      `select status, relayed_at > now() - interval '1 minute' as fresh from outbox_message where id = ?`,
      [stuck],
    );
    expect(row).toEqual({ status: 'relayed', fresh: true });
    // Its clock restarted: it is not handed over again on the next sweep.
    expect(await relay.redispatchStuck()).toBe(0);
    expect(dispatcher.ids).toEqual([stuck]);
    expect((await rows()).find((r) => r.id === pending)?.status).toBe('pending');
  });

  it('keeps a stuck row relayed-but-old when re-dispatching fails, so the next sweep tries again', async () => {
    const failing = new ThrowingDispatcher();
    const { relay } = await relayProcess(failing);
    const [stuck] = await addMessages(1);
    await sql(`update outbox_message set status = 'relayed', relayed_at = now() - interval '10 minutes' where id = ?`, [stuck]);

    await expect(relay.redispatchStuck()).rejects.toThrow('queue unavailable');

    const dispatcher = new RecordingDispatcher();
    const again = await relayProcess(dispatcher);
    expect(await again.relay.redispatchStuck()).toBe(1);
    expect(dispatcher.ids).toEqual([stuck]);
  });

  it('sweeps stuck rows from its background loop', async () => {
    const dispatcher = new RecordingDispatcher();
    const { relay } = await relayProcess(dispatcher, { pollIntervalMs: 20, sweepIntervalMs: 50, redispatchAfterMs: 200 });
    const [stuck] = await addMessages(1);
    await sql(`update outbox_message set status = 'relayed', relayed_at = now() - interval '1 second' where id = ?`, [stuck]);

    relay.start();
    await waitFor(() => dispatcher.ids.length >= 2, { what: 'two sweeps to re-dispatch the stuck row' });
    await relay.stop();
    expect(new Set(dispatcher.ids)).toEqual(new Set([stuck]));
  });
});
