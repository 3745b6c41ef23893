import { Queue } from 'bullmq';
import { Client } from 'pg';
import { redisOptions } from '@patron/config';
import { MAIL_QUEUE } from '@patron/mail';
import { createTestDatabase, TestDatabase } from '../support/database';
import { PatronProcess } from '../support/patron-process';
import { freePort } from '../support/redis-server';
import { SmtpSink, tokenFromMail } from '../support/smtp-sink';
import { deleteQueueKeys, doc, TEST_REDIS_URL, testQueuePrefix } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { PASSWORD, registrationAttributes } from '../../apps/storefront-api/test/storefront.helpers';

const NEW_PASSWORD = 'Another-Horse8?';
const WRONG_PASSWORD = 'Wrong-Horse9#';

type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

/**
 * The real log output of a storefront and a worker process (JSON lines): one registration followed by its request id
 * from the HTTP line to the outbox row, the mail job and the worker's send line; no password, token or full email in
 * anything either process wrote.
 */
describe('logs: request ids from HTTP to SMTP, and nothing secret', () => {
  let db: TestDatabase;
  let sql: Client;
  let smtp: SmtpSink;
  let storefront: PatronProcess;
  let worker: PatronProcess;
  let base: string;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    smtp = await new SmtpSink().start();
    const [storefrontPort, workerPort] = [await freePort(), await freePort()];
    const env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, LOG_LEVEL: 'log', LOG_FORMAT: 'json' };
    storefront = new PatronProcess('storefront-api', PatronProcess.env({ ...env, STOREFRONT_PORT: String(storefrontPort) })).start();
    worker = new PatronProcess('worker', PatronProcess.env({ ...env, WORKER_PORT: String(workerPort) })).start();
    await Promise.all([storefront.waitUntilLive(storefrontPort), worker.waitUntilLive(workerPort)]);
    base = `http://127.0.0.1:${storefrontPort}`;
  }, 90_000);
  afterAll(async () => {
    await storefront?.kill();
    await worker?.kill();
    await sql?.end();
    await smtp?.stop();
    await db?.drop();
    await deleteQueueKeys(TEST_REDIS_URL, prefix).catch(() => undefined);
  });

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/vnd.api+json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const linesWith = (process: PatronProcess, requestId: string): LogLine[] => process.logLines.filter((l) => l.requestId === requestId);

  const secrets: string[] = [];
  let email = '';
  let requestId = '';
  let outboxId = '';

  it('follows one registration by its request id: HTTP log line, outbox row, mail job, the worker\'s send line', async () => {
    const attributes = registrationAttributes();
    email = attributes.email as string;
    requestId = `trace-${Date.now().toString(36)}`;
    const created = await call('POST', '/customers', doc('customers', attributes), { 'X-Request-Id': requestId });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe(requestId);
    const reference = ((await created.json()) as { data: { id: string } }).data.id;

    const [row] = (await sql.query<{ id: string; request_id: string }>('select id, request_id from outbox_message where subject = $1', [reference])).rows;
    outboxId = row.id;
    expect(row.request_id).toBe(requestId);

    const mail = await smtp.waitForMailTo(email);
    secrets.push(tokenFromMail(mail));
    const queue = new Queue(MAIL_QUEUE, { connection: redisOptions(TEST_REDIS_URL), prefix });
    try {
      const job = await queue.getJob(outboxId);
      expect(job?.data).toEqual({ outboxId, type: 'mail.customer-registration-confirmation', requestId });
    } finally {
      await queue.close();
    }

    const [http] = await waitFor(() => linesWith(storefront, requestId).length > 0 && linesWith(storefront, requestId), { what: 'the HTTP log line' });
    expect(http).toMatchObject({ level: 'info', requestId, msg: expect.stringMatching(/^POST \/customers 201 \d+ ms$/), req: { method: 'POST', route: '/customers' }, res: { statusCode: 201 } });
    const sent = await waitFor(() => linesWith(worker, requestId).find((l) => l.msg?.startsWith(`Mail ${outboxId} sent`)), { what: 'the worker\'s send line' });
    expect(sent).toMatchObject({ level: 'info', context: 'Mail', msg: `Mail ${outboxId} sent to ${email[0]}***@example.com` });
  });

  it('replaces a request id it cannot use with its own', async () => {
    for (const unusable of ['short', 'has spaces in it', 'x'.repeat(65), 'semi;colon-1234']) {
      const response = await call('GET', '/customer-access', undefined, { 'X-Request-Id': unusable });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('writes no password, token or full email whatever the requests carry', async () => {
    const confirmed = await call('POST', '/customer-confirmation', doc('customer-confirmation', { registrationKey: secrets[0] }));
    expect(confirmed.status).toBe(204);
    const login = await call('POST', '/access-tokens', doc('access-tokens', { username: email, password: PASSWORD }));
    expect(login.status).toBe(201);
    const { accessToken, refreshToken } = ((await login.json()) as { data: { attributes: { accessToken: string; refreshToken: string } } }).data.attributes;
    secrets.push(accessToken, refreshToken);
    expect((await call('POST', '/access-tokens', doc('access-tokens', { username: email, password: WRONG_PASSWORD }))).status).toBe(401);
    const refreshed = await call('POST', '/refresh-tokens', doc('refresh-tokens', { refreshToken }));
    expect(refreshed.status).toBe(201);
    const renewed = ((await refreshed.json()) as { data: { attributes: { accessToken: string; refreshToken: string } } }).data.attributes;
    secrets.push(renewed.accessToken, renewed.refreshToken);
    expect((await call('DELETE', `/refresh-tokens/${renewed.refreshToken}`, undefined, { Authorization: `Bearer ${renewed.accessToken}` })).status).toBe(204);

    expect((await call('POST', '/customer-forgotten-password', doc('customer-forgotten-password', { email }))).status).toBe(204);
    const reset = await waitFor(() => smtp.mailsTo(email).find((m) => /password/i.test(m.subject) && m !== smtp.mailsTo(email)[0]), { what: 'the password reset mail' });
    const resetKey = tokenFromMail(reset);
    secrets.push(resetKey);
    const restored = await call('PATCH', `/customer-restore-password/${resetKey}`, doc('customer-restore-password', { restorePasswordKey: resetKey, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, resetKey));
    expect(restored.status).toBe(204);
    // Paths and query strings nobody routes, with an email and a token in them.
    expect((await call('GET', `/no-such-page/${email}?token=${resetKey}&email=${email}`)).status).toBe(404);
    expect((await call('GET', `/customers?filter[email]=${encodeURIComponent(email)}`, undefined, { Authorization: `Bearer ${accessToken}` })).status).toBeLessThan(500);
    await waitFor(() => smtp.mailsTo(email).length >= 3, { what: 'the password-changed notice' });
    await waitFor(() => worker.logLines.filter((l) => String(l.msg).includes(' sent to ')).length >= 3, { what: 'the worker logging every send' });

    const output = `${storefront.output}\n${worker.output}`;
    for (const line of [...storefront.logLines, ...worker.logLines]) expect(typeof line.msg).toBe('string');
    expect(output).toContain(`${email[0]}***@example.com`);
    const forbidden = [email, email.split('@')[0], PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, ...secrets, ...secrets.filter((s) => s.includes('.')).flatMap((jwt) => jwt.split('.').slice(1))];
    for (const value of forbidden) expect({ value, found: output.includes(value) }).toEqual({ value, found: false });
    expect(output).not.toMatch(/\$argon2/);
  });
});
