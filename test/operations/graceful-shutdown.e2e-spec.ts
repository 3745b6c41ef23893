import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { redisOptions } from '@patron/config';
import { MAIL_QUEUE } from '@patron/mail';
import { createTestDatabase, TestDatabase } from '../support/database';
import { PatronProcess } from '../support/patron-process';
import { startRangeApi } from '../support/range-api';
import { freePort } from '../support/redis-server';
import { SmtpSink } from '../support/smtp-sink';
import { deleteQueueKeys, doc, TEST_REDIS_URL, testQueuePrefix } from '../support/stack';
import { holdsFor, sleep, waitFor } from '../support/wait-for';
import { registrationAttributes } from '../../apps/storefront-api/test/storefront.helpers';

const CONFIRMATION = 'mail.customer-registration-confirmation';
const idOf = (messageId: string) => /^<([^@]+)@/.exec(messageId)?.[1] ?? messageId;

/** Processes get SIGTERM while they work: what is in flight finishes, nothing is lost or sent twice, exit 0. */
describe('graceful shutdown on SIGTERM', () => {
  let db: TestDatabase;
  let sql: Client;
  let smtp: SmtpSink;
  const prefix = testQueuePrefix();
  const processes: PatronProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    smtp = await new SmtpSink().start();
  });
  afterAll(async () => {
    for (const p of processes) await p.kill();
    await sql?.end();
    await smtp?.stop();
    await db?.drop();
    await deleteQueueKeys(TEST_REDIS_URL, prefix).catch(() => undefined);
  });
  beforeEach(() => {
    smtp.acceptDelayMs = 0;
  });

  const start = (app: PatronProcess['app'], env: Record<string, string>) => {
    const process = new PatronProcess(app, PatronProcess.env({ DATABASE_URL: db.url, SMTP_URL: smtp.url, ...env })).start();
    processes.push(process);
    return process;
  };
  const worker = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    const p = start('worker', { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, WORKER_PORT: String(port), ...env });
    await p.waitUntilLive(port);
    return p;
  };

  /** A confirmation mail waiting in the outbox, as a registration leaves it. */
  const pendingMail = async (): Promise<{ id: string; to: string }> => {
    const id = randomUUID();
    const to = `shutdown.${id.slice(0, 8)}@example.com`;
    await sql.query(`insert into outbox_message (id, type, payload, subject, status, attempts, created_at) values ($1, $2, $3, $4, 'pending', 0, now())`, [
      id, CONFIRMATION, JSON.stringify({ to, locale: 'en_US', salutation: 'Ms', firstName: 'Grace', lastName: 'Hopper', secrets: { token: `token-${id}` } }), `SHUTDOWN--${id.slice(0, 8)}`,
    ]);
    return { id, to };
  };
  const rowOf = async (id: string) =>
    (await sql.query<{ status: string; delivered_at: Date | null; payload: Record<string, unknown> }>('select status, delivered_at, payload from outbox_message where id = $1', [id])).rows[0];
  const mailsWithId = (id: string) => smtp.mails.filter((m) => idOf(m.messageId) === id);
  const jobState = async (id: string) => {
    const queue = new Queue(MAIL_QUEUE, { connection: redisOptions(TEST_REDIS_URL), prefix });
    try {
      return await queue.getJobState(id);
    } finally {
      await queue.close();
    }
  };

  it('a worker finishes the mail it is sending, records it, takes nothing new and exits 0; the next worker sends the rest once', async () => {
    const inFlight = await pendingMail();
    smtp.acceptDelayMs = 2_500; // a slow mail server: the send is in progress when SIGTERM arrives
    const first = await worker({ SHUTDOWN_TIMEOUT_MS: '20000' });
    await waitFor(() => mailsWithId(inFlight.id).length === 1, { what: 'the mail on its way to the SMTP server' });
    expect((await rowOf(inFlight.id)).status).toBe('relayed');

    const signalled = Date.now();
    first.signal('SIGTERM');
    const later = await pendingMail(); // written while the worker shuts down: not its work any more
    expect(await first.exited()).toEqual({ code: 0, signal: null });
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThan(1_000); // it waited for the SMTP server's answer
    expect(took).toBeLessThan(20_000);

    const row = await rowOf(inFlight.id);
    expect(row.status).toBe('delivered');
    expect(row.payload).toEqual({ to: 's***@example.com', locale: 'en_US' });
    expect(await jobState(inFlight.id)).toBe('completed');
    expect(['pending', 'relayed']).toContain((await rowOf(later.id)).status);
    const lines = first.logLines.map((l) => String(l.msg));
    const sentAt = lines.findIndex((m) => m.includes(`Mail ${inFlight.id} sent`));
    expect(sentAt).toBeGreaterThan(lines.indexOf('SIGTERM received, shutting down'));
    expect(lines.indexOf('Shut down')).toBeGreaterThan(sentAt);

    smtp.acceptDelayMs = 0;
    const second = await worker();
    await waitFor(async () => (await rowOf(later.id)).status === 'delivered', { what: 'the later mail delivered by the next worker' });
    await holdsFor(() => mailsWithId(inFlight.id).length === 1 && mailsWithId(later.id).length === 1, { durationMs: 1_500, what: 'each mail sent once' });
    second.signal('SIGTERM');
    expect(await second.exited()).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('a worker that cannot finish within SHUTDOWN_TIMEOUT_MS exits anyway (1), leaving the mail to be sent again, not lost', async () => {
    const stuck = await pendingMail();
    smtp.acceptDelayMs = 15_000;
    const p = await worker({ SHUTDOWN_TIMEOUT_MS: '1000' });
    await waitFor(() => mailsWithId(stuck.id).length === 1, { what: 'the mail on its way to the SMTP server' });
    const signalled = Date.now();
    p.signal('SIGTERM');
    expect(await p.exited()).toEqual({ code: 1, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(p.output).toContain('Shutdown did not finish within 1000 ms (SHUTDOWN_TIMEOUT_MS); exiting');
    // Not delivered, not dead: the job keeps its lock until it expires, then BullMQ's stalled-job check hands it to
    // another worker (test/reliability/worker-kill.spec.ts follows that through).
    expect((await rowOf(stuck.id)).status).toBe('relayed');
    expect(await jobState(stuck.id)).toBe('active');
  }, 60_000);

  it('the all-in-one process (mail in-process, no Redis) finishes a registration\'s mail before it exits 0', async () => {
    const [storefrontPort, backofficePort] = [await freePort(), await freePort()];
    const p = start('all-in-one', { STOREFRONT_PORT: String(storefrontPort), BACKOFFICE_PORT: String(backofficePort), SHUTDOWN_TIMEOUT_MS: '20000' });
    await p.waitUntilLive(storefrontPort);
    smtp.acceptDelayMs = 2_500;
    const attributes = registrationAttributes();
    const created = await fetch(`http://127.0.0.1:${storefrontPort}/customers`, {
      method: 'POST', headers: { 'Content-Type': 'application/vnd.api+json' }, body: JSON.stringify(doc('customers', attributes)),
    });
    expect(created.status).toBe(201);
    const reference = ((await created.json()) as { data: { id: string } }).data.id;
    const [{ id }] = (await sql.query<{ id: string }>('select id from outbox_message where subject = $1', [reference])).rows;
    await waitFor(() => mailsWithId(id).length === 1, { what: 'the confirmation on its way to the SMTP server' });

    p.signal('SIGTERM');
    expect(await p.exited()).toEqual({ code: 0, signal: null });
    expect((await rowOf(id)).status).toBe('delivered');
    expect(smtp.mailsTo(attributes.email as string)).toHaveLength(1);
    await expect(fetch(`http://127.0.0.1:${storefrontPort}/health/live`)).rejects.toThrow();
  }, 90_000);

  it('the storefront finishes a request in flight, refuses new connections, and exits 0', async () => {
    // The breach check answers slowly, so a registration is still running when SIGTERM arrives.
    const rangeApi = await startRangeApi([], 2_000);
    try {
      const port = await freePort();
      const p = start('storefront-api', {
        STOREFRONT_PORT: String(port), PASSWORD_BREACH_CHECK_URL: rangeApi.url, PASSWORD_BREACH_CHECK_TIMEOUT_MS: '10000', SHUTDOWN_TIMEOUT_MS: '20000',
      });
      await p.waitUntilLive(port);
      const attributes = registrationAttributes();
      const registration = fetch(`http://127.0.0.1:${port}/customers`, {
        method: 'POST', headers: { 'Content-Type': 'application/vnd.api+json', Connection: 'close' }, body: JSON.stringify(doc('customers', attributes)),
      });
      await waitFor(() => rangeApi.paths.length === 1, { what: 'the registration waiting for the breach check' });
      p.signal('SIGTERM');
      await sleep(300);
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
      const response = await registration;
      expect(response.status).toBe(201);
      expect(await p.exited()).toEqual({ code: 0, signal: null });
      const [row] = (await sql.query<{ customer_reference: string }>('select customer_reference from customer where email_normalized = $1', [(attributes.email as string).toLowerCase()])).rows;
      expect(row.customer_reference).toBe(((await response.json()) as { data: { id: string } }).data.id);
    } finally {
      await rangeApi.close();
    }
  }, 90_000);
});
