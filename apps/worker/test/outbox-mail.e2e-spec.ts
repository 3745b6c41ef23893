import { getQueueToken } from '@nestjs/bullmq';
import { Job, JobState, Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { MAIL_DEAD_LETTER_QUEUE, MAIL_QUEUE, MAIL_TYPES, MailJob } from '@patron/mail';
import { OutboxFacade, OutboxRelay, OutboxWriter } from '@patron/outbox';
import { MikroORM } from '@mikro-orm/core';
import { RedisServer } from '../../../test/support/redis-server';
import { ReceivedMail, tokenFromMail } from '../../../test/support/smtp-sink';
import { doc, JSON_API, startStack, TestStack } from '../../../test/support/stack';
import { holdsFor, waitFor } from '../../../test/support/wait-for';

const PASSWORD = 'Correct-Horse7!';
const CONFIRMATION = MAIL_TYPES.customerRegistrationConfirmation;
const STOREFRONT_URL = 'https://shop.example.test';
const SUBJECTS: Record<string, string> = {
  en_US: 'Please confirm your email address',
  de_DE: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
};

let sequence = 0;
const newEmail = (tag: string) => `${tag}.${process.pid}.${Date.now().toString(36)}.${++sequence}@example.com`;

interface OutboxRow {
  id: string;
  type: string;
  status: string;
  payload: Record<string, unknown> & { secrets?: Record<string, string> };
  attempts: number;
  last_error: string | null;
  relayed_at: Date | null;
  delivered_at: Date | null;
  request_id: string | null;
}

/** Registers a customer through the storefront API; expects 201. */
const register = async (stack: TestStack, overrides: Record<string, unknown> = {}) => {
  const attributes = {
    salutation: 'Ms', firstName: 'Ada', lastName: 'Lovelace', email: newEmail('mail'), gender: 'Female',
    password: PASSWORD, confirmPassword: PASSWORD, acceptedTerms: true, ...overrides,
  };
  const requestId = `registration-${randomUUID()}`;
  const response = await stack.http().post('/customers').set('Content-Type', JSON_API).set('X-Request-Id', requestId)
    .send(doc('customers', attributes));
  expect(response.status).toBe(201);
  expect(response.headers['x-request-id']).toBe(requestId);
  return { reference: response.body.data.id as string, email: attributes.email as string, requestId };
};

/** The confirmation mail row of a customer, straight from the table. */
const outboxRowOf = async (stack: TestStack, reference: string): Promise<OutboxRow> => {
  const rows = await stack.sql<OutboxRow>(
    `select id, type, status, payload, attempts, last_error, relayed_at, delivered_at, request_id from outbox_message where subject = ? and type = ?`,
    [reference, CONFIRMATION],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
};

const outboxRowById = async (stack: TestStack, id: string): Promise<OutboxRow> => {
  const [row] = await stack.sql<OutboxRow>(
    `select id, type, status, payload, attempts, last_error, relayed_at, delivered_at, request_id from outbox_message where id = ?`,
    [id],
  );
  return row;
};

const waitForStatus = (stack: TestStack, reference: string, status: string, timeoutMs = 15_000) =>
  waitFor(async () => {
    const row = await outboxRowOf(stack, reference);
    if (row.status !== status) throw new Error(`status ${row.status}, attempts ${row.attempts}, last error ${row.last_error}`);
    return row;
  }, { timeoutMs, what: `the outbox row of ${reference} to be ${status}` });

const queue = (stack: TestStack, name: string): Queue => stack.app.get<Queue>(getQueueToken(name));

/** The dead-letter job of an outbox message (its job id carries a suffix, so repeated deaths all keep a copy). */
const deadLetterOf = async (stack: TestStack, outboxId: string): Promise<Job | undefined> => {
  const jobs = await queue(stack, MAIL_DEAD_LETTER_QUEUE).getJobs(['waiting', 'delayed', 'completed', 'failed']);
  return jobs.find((job) => job.data.outboxId === outboxId);
};

/** Waits until the job is in `state` (the queue's own bookkeeping, not the SMTP sink). */
const waitForJobState = async (q: Queue, jobId: string, state: JobState | 'unknown', timeoutMs = 15_000): Promise<Job> => {
  await waitFor(async () => (await q.getJobState(jobId)) === state, { timeoutMs, what: `job ${jobId} on ${q.name} to be ${state}` });
  return (await q.getJob(jobId))!;
};

const linkIn = (mail: ReceivedMail): string => {
  const match = /(\S+\/register\/confirm\?token=\S+)/.exec(mail.text);
  if (!match) throw new Error(`No confirmation link in: ${mail.text}`);
  return match[1];
};

describe('outbox → BullMQ → SMTP mail delivery', () => {
  describe('with Redis up', () => {
    let stack: TestStack;
    let mailQueue: Queue;
    let outbox: OutboxFacade;

    beforeAll(async () => {
      stack = await startStack({ env: { STOREFRONT_URL } });
      mailQueue = queue(stack, MAIL_QUEUE);
      outbox = stack.app.get(OutboxFacade);
    });
    afterAll(() => stack?.close());

    it.each([
      ['en_US', 'Hello Ms Ada Lovelace'],
      ['de_DE', 'Hallo Frau Ada Lovelace'],
    ])('mails the %s confirmation once, with a link that confirms the account, then erases the token', async (locale, greeting) => {
      const { reference, email, requestId } = await register(stack, { locale });

      const mail = await stack.smtp.waitForMailTo(email);
      expect(mail.subject).toBe(SUBJECTS[locale]);
      expect(mail.text).toContain(greeting);
      expect(mail.from).toContain('no-reply@patron.local');
      const link = linkIn(mail);
      expect(link.startsWith(`${STOREFRONT_URL}/register/confirm?token=`)).toBe(true);
      const token = tokenFromMail(mail);
      expect(token.length).toBeGreaterThanOrEqual(16);

      const confirmed = await stack.http().post('/customer-confirmation').set('Content-Type', JSON_API)
        .send(doc('customer-confirmation', { registrationKey: token }));
      expect(confirmed.status).toBe(204);

      const row = await waitForStatus(stack, reference, 'delivered');
      expect(mail.messageId).toBe(`<${row.id}@patron.local>`);
      expect(row.delivered_at).not.toBeNull();
      expect(row.attempts).toBe(1);
      expect(row.last_error).toBeNull();
      expect(row.payload).not.toHaveProperty('secrets');
      expect(JSON.stringify(row.payload)).not.toContain(token);
      // Delivered: only the locale and the masked recipient stay; names and the raw token are gone.
      expect(row.payload).toEqual({ to: `${email[0]}***@example.com`, locale });
      const [{ leaked }] = await stack.sql<{ leaked: boolean }>(`select payload::text like ? as leaked from outbox_message where id = ?`, [`%${token}%`, row.id]);
      expect(leaked).toBe(false);

      // The job (id = outbox id) is finished: nothing can send this mail again, so the count is final.
      const job = await waitForJobState(mailQueue, row.id, 'completed');
      expect(job.returnvalue).toBe('delivered');
      // The registration request's id travels with the message, so one registration can be followed from HTTP to SMTP.
      expect(row.request_id).toBe(requestId);
      expect(job.data).toEqual({ outboxId: row.id, type: CONFIRMATION, requestId });
      expect(stack.smtp.mailsTo(email)).toHaveLength(1);
    });

    it('does not send a delivered mail again, whether delivered again directly or by a duplicate job', async () => {
      const { reference, email } = await register(stack);
      await stack.smtp.waitForMailTo(email);
      const row = await waitForStatus(stack, reference, 'delivered');
      await waitForJobState(mailQueue, row.id, 'completed');

      const deliver = jest.fn(async () => undefined);
      expect(await outbox.deliverOnce(row.id, deliver)).toBe('already-delivered');
      expect(deliver).not.toHaveBeenCalled();

      // Same job id: BullMQ keeps the completed job and ignores the add.
      await mailQueue.add(CONFIRMATION, { outboxId: row.id, type: CONFIRMATION }, { jobId: row.id });
      // Another job id for the same outbox message: processed, but the row says it is delivered.
      const again = await mailQueue.add(CONFIRMATION, { outboxId: row.id, type: CONFIRMATION }, { jobId: `${row.id}-again` });
      const finished = await waitForJobState(mailQueue, again.id!, 'completed');
      expect(finished.returnvalue).toBe('already-delivered');
      expect((await mailQueue.getJob(row.id))?.returnvalue).toBe('delivered');

      expect(stack.smtp.mailsTo(email)).toHaveLength(1);
      expect((await outboxRowById(stack, row.id)).attempts).toBe(1);
    });

    it('sends once when several jobs for the same message run at the same time', async () => {
      const email = newEmail('race');
      const orm = stack.app.get(MikroORM);
      const writer = stack.app.get(OutboxWriter);
      let id = '';
      await orm.em.fork().transactional(async (em) => {
        const row = writer.add(em, {
          type: CONFIRMATION,
          subject: 'RACE-1',
          payload: { to: email, locale: 'en_US', salutation: 'Mr', firstName: 'Alan', lastName: 'Turing', secrets: { token: 'race-token' } },
        });
        // Written as already relayed, so that only the jobs below deliver it.
        row.status = 'relayed';
        row.relayedAt = new Date();
        id = row.id;
      });

      const jobs = await mailQueue.addBulk(
        [1, 2, 3, 4].map((n) => ({ name: CONFIRMATION, data: { outboxId: id, type: CONFIRMATION } as MailJob, opts: { jobId: `${id}-race-${n}` } })),
      );
      const results = [];
      for (const job of jobs) results.push((await waitForJobState(mailQueue, job.id!, 'completed')).returnvalue);

      expect(results.sort()).toEqual(['already-delivered', 'already-delivered', 'already-delivered', 'delivered']);
      expect(stack.smtp.mailsTo(email)).toHaveLength(1);
      const row = await outboxRowById(stack, id);
      expect(row.status).toBe('delivered');
      expect(row.payload).not.toHaveProperty('secrets');
    });

    it('marks the message dead at the first SMTP 5xx, without retrying, and copies the job to the dead letters', async () => {
      const email = newEmail('rejected');
      stack.smtp.rejectRecipients.add(email);
      const { reference } = await register(stack, { email });

      // Far shorter than the first retry's 5 s backoff: a retried mail could not be dead yet.
      const row = await waitForStatus(stack, reference, 'dead', 4_000);
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/SMTP refused the mail \(550\)/);
      // The server quoted the address; what is kept for ops is masked.
      expect(row.last_error).toContain(`<${email[0]}***@example.com>: Recipient address rejected`);
      expect(row.last_error).not.toContain(email);
      expect(row.delivered_at).toBeNull();
      // Kept for a requeue.
      expect(row.payload.secrets?.token).toEqual(expect.any(String));

      const deadLetter = await waitFor(() => deadLetterOf(stack, row.id), { what: 'the dead-letter copy' });
      expect(deadLetter.data).toEqual({ outboxId: row.id, type: CONFIRMATION, requestId: expect.any(String), error: expect.stringContaining('550') });
      expect(deadLetter.data.error).not.toContain(email);
      // Moved, not copied: the mail queue lets go of the id, so that a requeued message can be added again.
      await waitForJobState(mailQueue, row.id, 'unknown');
      expect(stack.smtp.mailsTo(email)).toHaveLength(0);
    });

    it('retries a failing mail and marks it dead after its last attempt, not before', async () => {
      const orm = stack.app.get(MikroORM);
      const writer = stack.app.get(OutboxWriter);
      let id = '';
      await orm.em.fork().transactional(async (em) => {
        // No recipient: nodemailer refuses it before talking SMTP, an error without a 5xx code (retried).
        const row = writer.add(em, {
          type: CONFIRMATION,
          subject: 'RETRY-1',
          payload: { to: '', locale: 'en_US', salutation: 'Mr', firstName: 'Alan', lastName: 'Turing', secrets: { token: 'retry-token' } },
        });
        row.status = 'relayed';
        row.relayedAt = new Date();
        id = row.id;
      });

      // The relay's jobs retry 8 times over minutes; this one has the same shape with 3 quick attempts.
      await mailQueue.add(CONFIRMATION, { outboxId: id, type: CONFIRMATION }, { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 100 } });
      const row = await waitFor(async () => {
        const r = await outboxRowById(stack, id);
        return r.status === 'dead' ? r : undefined;
      }, { what: 'the failing mail to be dead' });
      // Had it been marked dead before the last attempt, the later attempts would have skipped it.
      expect(row.attempts).toBe(3);
      expect(row.last_error).toMatch(/recipient/i);
      expect(row.delivered_at).toBeNull();
      await waitFor(() => deadLetterOf(stack, id), { what: 'the dead-letter copy' });
    });

    it('marks a message of an unknown type dead at once', async () => {
      const orm = stack.app.get(MikroORM);
      const writer = stack.app.get(OutboxWriter);
      let id = '';
      await orm.em.fork().transactional(async (em) => {
        id = writer.add(em, { type: 'mail.no-such-template', payload: { to: newEmail('unknown') } }).id;
      });

      const row = await waitFor(async () => {
        const r = await outboxRowById(stack, id);
        return r.status === 'dead' ? r : undefined;
      }, { timeoutMs: 4_000, what: 'the unknown mail to be dead' });
      expect(row.attempts).toBe(1);
      expect(row.last_error).toContain('No mail template for type "mail.no-such-template"');
    });

    it('requeueDead puts dead messages back to pending, and they are then sent', async () => {
      const email = newEmail('requeued');
      stack.smtp.rejectRecipients.add(email);
      const { reference } = await register(stack, { email, locale: 'de_DE' });
      const dead = await waitForStatus(stack, reference, 'dead');
      await waitFor(() => deadLetterOf(stack, dead.id), { what: 'the dead-letter copy' });

      // Hold the relay, so that "pending" can be observed before it relays the row again.
      const relay = stack.app.get(OutboxRelay);
      await relay.stop();
      try {
        const [{ n: deadOfType }] = await stack.sql<{ n: string }>(`select count(*) as n from outbox_message where status = 'dead' and type = ?`, [CONFIRMATION]);
        const [{ n: deadOfOtherTypes }] = await stack.sql<{ n: string }>(`select count(*) as n from outbox_message where status = 'dead' and type <> ?`, [CONFIRMATION]);

        expect(await outbox.requeueDead({ type: CONFIRMATION })).toBe(Number(deadOfType));
        const requeued = await outboxRowById(stack, dead.id);
        expect(requeued.status).toBe('pending');
        expect(requeued.attempts).toBe(0);
        expect(requeued.relayed_at).toBeNull();
        // Other types were left alone.
        const [{ n: stillDead }] = await stack.sql<{ n: string }>(`select count(*) as n from outbox_message where status = 'dead' and type <> ?`, [CONFIRMATION]);
        expect(stillDead).toBe(deadOfOtherTypes);
        expect(await outbox.requeueDead({ type: CONFIRMATION })).toBe(0);
      } finally {
        stack.smtp.rejectRecipients.delete(email);
        relay.start();
      }

      const mail = await stack.smtp.waitForMailTo(email, 20_000);
      expect(mail.subject).toBe(SUBJECTS.de_DE);
      const delivered = await waitForStatus(stack, reference, 'delivered');
      expect(delivered.payload).not.toHaveProperty('secrets');
      expect(stack.smtp.mailsTo(email)).toHaveLength(1);
    }, 45_000);
  });

  describe('when Redis goes down', () => {
    let redis: RedisServer;
    let stack: TestStack;

    beforeAll(async () => {
      redis = await RedisServer.spawn();
      stack = await startStack({ env: { REDIS_URL: redis.url } });
    });
    afterAll(async () => {
      // The stack closes its queues cleanly only while its Redis answers.
      if (redis && !redis.running) await redis.start().catch(() => undefined);
      await stack?.close();
      await redis?.stop();
    });

    it('keeps registering, holds the mail in the outbox while Redis is down and sends it once Redis is back', async () => {
      // The stack really uses this Redis: a first mail goes through it.
      const before = await register(stack);
      await stack.smtp.waitForMailTo(before.email);
      const first = await waitForStatus(stack, before.reference, 'delivered');
      const probe = new Redis(redis.url);
      try {
        expect(await probe.exists(`${stack.env.QUEUE_PREFIX}:${MAIL_QUEUE}:${first.id}`)).toBe(1);
      } finally {
        probe.disconnect();
      }

      // While Redis is down BullMQ logs every failed reconnect; keep other errors visible.
      const consoleError = console.error;
      const quiet = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
        if (!String((args[0] as Error)?.message ?? args[0]).includes(`127.0.0.1:${redis.port}`)) consoleError(...args);
      });
      try {
        await redis.stop();
        expect(redis.running).toBe(false);

        const during = await register(stack, { locale: 'de_DE' });
        // Many relay polls (every 250 ms) fail in this time; the row must stay untouched and no mail may leave.
        await holdsFor(async () => {
          const row = await outboxRowOf(stack, during.reference);
          return row.status === 'pending' && row.relayed_at === null && stack.smtp.mailsTo(during.email).length === 0;
        }, { durationMs: 3_000, intervalMs: 200, what: 'the mail to stay pending and unsent' });

        await redis.start();

        const mail = await stack.smtp.waitForMailTo(during.email, 30_000);
        expect(mail.subject).toBe(SUBJECTS.de_DE);
        const row = await waitForStatus(stack, during.reference, 'delivered', 15_000);
        const job = await waitForJobState(queue(stack, MAIL_QUEUE), row.id, 'completed');
        expect(job.returnvalue).toBe('delivered');
        expect(stack.smtp.mailsTo(during.email)).toHaveLength(1);
        expect(stack.smtp.mailsTo(before.email)).toHaveLength(1);

        // And the account can be confirmed with it.
        const confirmed = await stack.http().post('/customer-confirmation').set('Content-Type', JSON_API)
          .send(doc('customer-confirmation', { registrationKey: tokenFromMail(mail) }));
        expect(confirmed.status).toBe(204);
      } finally {
        quiet.mockRestore();
      }
    }, 90_000);
  });
});
