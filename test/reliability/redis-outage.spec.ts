import { Agent } from 'node:http';
import { RedisServer } from '../support/redis-server';
import { startStack, TestStack } from '../support/stack';
import { holdsFor, waitFor } from '../support/wait-for';
import { listen, pool, rawRequest, RawResponse, registration, uniqueEmail } from './support';

const TOTAL = Number(process.env.REDIS_OUTAGE_REGISTRATIONS ?? 1_000);
const STOP_AFTER = Math.round(TOTAL * 0.25);
const START_AFTER = Math.round(TOTAL * 0.65);

/**
 * The harness's own Redis (no persistence) is killed while 1,000 customers register through the
 * storefront API, and started again, empty: every confirmation mail arrives exactly once.
 */
describe('Redis stopped while 1,000 customers register', () => {
  let redis: RedisServer;
  let stack: TestStack;
  let base: string;
  let agent: Agent;
  let quiet: jest.SpyInstance;

  beforeAll(async () => {
    redis = await RedisServer.spawn();
    // As many mails at once as the SMTP pool has connections: each mail being sent holds a database connection of the
    // process the API shares, and a backlog should wait in Redis, not for connections.
    stack = await startStack({ env: { REDIS_URL: redis.url, MAIL_CONCURRENCY: '4' } });
    base = await listen(stack.app);
    agent = new Agent({ keepAlive: true, maxSockets: 16 });
    // While Redis is down BullMQ and ioredis log every failed reconnect; keep other errors visible.
    const consoleError = console.error;
    quiet = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (!String((args[0] as Error)?.message ?? args[0]).includes(`127.0.0.1:${redis.port}`)) consoleError(...args);
    });
  });
  afterAll(async () => {
    if (redis && !redis.running) await redis.start().catch(() => undefined);
    agent?.destroy();
    await stack?.close();
    await redis?.stop();
    quiet?.mockRestore();
  });

  it('delivers every confirmation mail exactly once', async () => {
    const emails = Array.from({ length: TOTAL }, (_, i) => uniqueEmail(`outage${i}`));
    let done = 0;
    let mailsBeforeStop = -1;
    let queuedAtStop = 0;
    let pendingWhileDown = 0;
    // A slow mail server at first, so that jobs wait in Redis when it dies and are lost with it.
    stack.smtp.acceptDelayMs = 2_000;
    let outage: Promise<void> = Promise.resolve();

    const responses: RawResponse[] = await pool(TOTAL, 8, async (i) => {
      const response = await rawRequest(base, agent, { method: 'POST', path: '/customers', headers: { 'Content-Type': 'application/vnd.api+json' }, body: JSON.stringify(registration(emails[i])) });
      done++;
      if (done === STOP_AFTER) {
        outage = (async () => {
          mailsBeforeStop = stack.smtp.mails.length;
          await redis.stop();
          const [{ n }] = await stack.sql<{ n: string }>(`select count(*) as n from outbox_message where status = 'relayed'`);
          queuedAtStop = Number(n);
          stack.smtp.acceptDelayMs = 0;
        })();
      }
      if (done === START_AFTER) {
        await outage;
        const [{ n }] = await stack.sql<{ n: string }>(`select count(*) as n from outbox_message where status = 'pending'`);
        pendingWhileDown = Number(n);
        await redis.start();
      }
      return response;
    });
    await outage;
    expect(redis.running).toBe(true);

    // Redis is not on the registration path.
    expect(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.text}`)).toEqual([]);
    // The outage was real: mail went through Redis before it, jobs were waiting in Redis when it died (and were lost
    // with it: it keeps nothing), and mail piled up in the outbox while it was down.
    expect(mailsBeforeStop).toBeGreaterThan(0);
    expect(queuedAtStop).toBeGreaterThan(TOTAL / 20);
    expect(pendingWhileDown).toBeGreaterThan(TOTAL / 10);

    await waitFor(async () => {
      const counts = await stack.sql<{ status: string; n: string }>(`select status, count(*) as n from outbox_message group by status order by status`);
      const undelivered = counts.filter((c) => c.status !== 'delivered').reduce((sum, c) => sum + Number(c.n), 0);
      if (undelivered === 0 && stack.smtp.mails.length >= TOTAL) return true;
      throw new Error(`${stack.smtp.mails.length} mails received; outbox ${counts.map((c) => `${c.status} ${c.n}`).join(', ')}`);
    }, { timeoutMs: 60_000, intervalMs: 500, what: `all ${TOTAL} mails delivered` });
    // Nothing more arrives later (a redelivery would show up here).
    await holdsFor(() => stack.smtp.mails.length === TOTAL, { durationMs: 3_000, intervalMs: 250, what: 'no further mail' });

    const perRecipient = new Map<string, number>();
    for (const mail of stack.smtp.mails) perRecipient.set(mail.to.toLowerCase(), (perRecipient.get(mail.to.toLowerCase()) ?? 0) + 1);
    const wrong = emails.filter((e) => perRecipient.get(e.toLowerCase()) !== 1).map((e) => `${e}: ${perRecipient.get(e.toLowerCase()) ?? 0}`);
    expect(wrong).toEqual([]);
    expect(new Set(stack.smtp.mails.map((m) => m.messageId)).size).toBe(TOTAL);
    const rows = await stack.sql<{ id: string }>(`select id from outbox_message where type = 'mail.customer-registration-confirmation' and status = 'delivered'`);
    expect(new Set(stack.smtp.mails.map((m) => m.messageId))).toEqual(new Set(rows.map((r) => `<${r.id}@patron.local>`)));
  }, 240_000);
});
