import { MikroORM } from '@mikro-orm/postgresql';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxWriter } from '@patron/outbox';
import { ROOT } from '../support/cli';
import { RedisServer } from '../support/redis-server';
import { startStack, TestStack } from '../support/stack';
import { holdsFor, sleep, waitFor } from '../support/wait-for';
import { pool, registration, uniqueEmail } from './support';

const REGISTRATIONS = 40;
const DIRECT = 1_500;
const TOTAL = REGISTRATIONS + DIRECT;
const CONCURRENCY = 16;
const CONFIRMATION = 'mail.customer-registration-confirmation';

/** The worker as its own process: `node bin/run.js worker` (dist/ is built by the jest global setup). */
class WorkerProcess {
  private child?: ChildProcess;
  output = '';

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  start(): void {
    const child = spawn(process.execPath, ['bin/run.js', 'worker'], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const record = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', record);
    child.stderr!.on('data', record);
    this.child = child;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no shutdown hook runs, nothing in flight is finished or recorded. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The worker process is killed with SIGKILL in the middle of a batch of mails and started again.
 * Every mail arrives. A mail may arrive twice only when the kill fell between the SMTP server's acceptance and the
 * database recording the delivery: those are counted (by Message-ID = outbox id) and must all be among the mails
 * that were in that window at the kill.
 */
describe('worker killed with SIGKILL mid-batch', () => {
  let redis: RedisServer;
  let stack: TestStack;
  let worker: WorkerProcess;

  beforeAll(async () => {
    redis = await RedisServer.spawn();
    stack = await startStack({ worker: false, env: { REDIS_URL: redis.url } });
    worker = new WorkerProcess({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: stack.db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: stack.env.QUEUE_PREFIX,
      SMTP_URL: stack.smtp.url,
      MAIL_CONCURRENCY: String(CONCURRENCY),
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-worker-')),
      MIGRATE_ON_START: 'false',
    });
  });
  afterAll(async () => {
    await worker?.kill();
    await stack?.close();
    await redis?.stop();
  });

  const deliveredIds = async (): Promise<Set<string>> =>
    new Set((await stack.sql<{ id: string }>(`select id from outbox_message where status = 'delivered'`)).map((r) => r.id));
  const idOf = (messageId: string) => /^<([^@]+)@/.exec(messageId)?.[1] ?? messageId;

  it('delivers every mail after a restart, again only those caught between SMTP acceptance and the record', async () => {
    // The mails wait in the outbox while no worker runs: some from registrations, most written directly.
    const registered = await pool(REGISTRATIONS, 8, async (i) => (await stack.http().post('/customers').send(registration(uniqueEmail(`kill${i}`)))).status);
    expect(registered).toEqual(Array(REGISTRATIONS).fill(201));
    const orm = stack.app.get(MikroORM);
    const writer = stack.app.get(OutboxWriter);
    await orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < DIRECT; i++) {
        writer.add(em, {
          type: CONFIRMATION,
          subject: `KILL--${i}`,
          payload: { to: uniqueEmail(`direct${i}`), locale: 'en_US', salutation: 'Mr', firstName: 'Alan', lastName: 'Turing', secrets: { token: `token-${i}` } },
        });
      }
    });
    const ids = new Set((await stack.sql<{ id: string }>(`select id from outbox_message`)).map((r) => r.id));
    expect(ids.size).toBe(TOTAL);

    worker.start();
    await waitFor(() => stack.smtp.mails.length >= TOTAL / 3, { timeoutMs: 60_000, intervalMs: 5, what: `a third of the mails sent (worker output: ${worker.output})` });
    await worker.kill();
    // Let the SMTP server finish reading what reached it before the kill.
    await sleep(500);

    const receivedAtKill = new Set(stack.smtp.mails.map((m) => idOf(m.messageId)));
    const deliveredAtKill = await deliveredIds();
    /** Accepted by the SMTP server, not recorded as delivered: the only mails that may be sent twice. */
    const window = [...receivedAtKill].filter((id) => !deliveredAtKill.has(id));
    // The kill fell mid-batch: mails had gone out, many more were still to go.
    expect(receivedAtKill.size).toBeGreaterThan(0);
    expect(TOTAL - deliveredAtKill.size).toBeGreaterThan(TOTAL / 3);
    // The worker keeps the window small: at most the mails it sends at once.
    expect(window.length).toBeLessThanOrEqual(CONCURRENCY);

    worker.start();
    // Jobs that were active in the killed worker come back once their lock expires (BullMQ's stalled-job check).
    await waitFor(async () => {
      const delivered = await deliveredIds();
      const received = new Set(stack.smtp.mails.map((m) => idOf(m.messageId)));
      if (delivered.size === TOTAL && received.size === TOTAL) return true;
      throw new Error(`${delivered.size} delivered, ${received.size} distinct mails received of ${TOTAL}`);
    }, { timeoutMs: 150_000, intervalMs: 500, what: 'every mail delivered' });
    await holdsFor(() => stack.smtp.mails.length === stack.smtp.mails.length, { durationMs: 1_000 });
    const settled = stack.smtp.mails.length;
    await holdsFor(() => stack.smtp.mails.length === settled, { durationMs: 3_000, intervalMs: 250, what: 'no further mail' });

    const counts = new Map<string, number>();
    for (const m of stack.smtp.mails) counts.set(idOf(m.messageId), (counts.get(idOf(m.messageId)) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    const duplicates = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);
    expect(duplicates.filter((id) => !window.includes(id))).toEqual([]);
    console.log(`worker killed with ${TOTAL - deliveredAtKill.size} of ${TOTAL} mails undelivered; ${window.length} in the window, ${duplicates.length} sent twice`);
  }, 240_000);
});
