import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { MAIL_QUEUE } from '@patron/mail';
import { UserFacade } from '@patron/user';
import { redisOptions } from '@patron/config';
import { metricNames, metricValue, parseMetrics, Sample } from '../support/metrics';
import { doc, startStack, TEST_REDIS_URL, TestStack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { bearer, logIn, registerShopper, registrationAttributes } from '../../apps/storefront-api/test/storefront.helpers';

const STAFF_PASSWORD = 'Staff-Password-9!';
const CONFIRMATION = 'mail.customer-registration-confirmation';

/** The names the issue asks for, next to Node's process metrics. */
const PATRON_METRICS = [
  'patron_http_request_duration_seconds',
  'patron_outbox_messages',
  'patron_outbox_oldest_pending_age_seconds',
  'patron_mails_sent_total',
  'patron_mails_failed_total',
  'patron_mails_dead_total',
  'patron_mail_queue_jobs',
  'patron_login_failures_total',
  'patron_login_blocked_total',
];

describe('metrics: /metrics of the storefront and the back office', () => {
  let stack: TestStack;
  const scraped: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true, env: { LOGIN_FAILURE_LIMIT: '2' } });
    await stack.app.get(UserFacade).create({ email: 'ops@shop.test', name: 'Ops', role: 'admin', password: STAFF_PASSWORD });
  });
  afterAll(() => stack.close());

  const scrape = async (app: 'storefront' | 'backoffice' = 'storefront'): Promise<Sample[]> => {
    const response = await (app === 'storefront' ? stack.http() : stack.backofficeHttp()).get('/metrics');
    expect(response.status).toBe(200);
    scraped.push(response.text);
    return parseMetrics(response.text);
  };

  it('exposes every Patron metric in the Prometheus text format on both apps, never cached', async () => {
    for (const app of [stack.http, stack.backofficeHttp]) {
      const response = await app().get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      const names = metricNames(response.text);
      for (const name of PATRON_METRICS) expect(names).toContain(name);
      expect(names).toContain('patron_process_cpu_seconds_total');
    }
  });

  it('times HTTP requests by app, method, route pattern and status', async () => {
    const shopper = await registerShopper(stack);
    const profile = { app: 'storefront', method: 'GET', route: '/customers/:reference', status: '200' };
    const before = await scrape();
    expect((await stack.http().get(`/customers/${shopper.reference}`).set(bearer(shopper.accessToken))).status).toBe(200);
    expect((await stack.http().get(`/customers/${shopper.reference}`)).status).toBe(403);
    expect((await stack.http().get(`/no-such-path/${shopper.reference}`)).status).toBe(404);
    const after = await scrape();
    expect(metricValue(after, 'patron_http_request_duration_seconds_count', profile) - metricValue(before, 'patron_http_request_duration_seconds_count', profile)).toBe(1);
    const refused = { ...profile, status: '403' };
    expect(metricValue(after, 'patron_http_request_duration_seconds_count', refused) - metricValue(before, 'patron_http_request_duration_seconds_count', refused)).toBe(1);
    const unmatched = { app: 'storefront', route: 'unmatched', status: '404' };
    expect(metricValue(after, 'patron_http_request_duration_seconds_count', unmatched) - metricValue(before, 'patron_http_request_duration_seconds_count', unmatched)).toBe(1);
    expect(metricValue(after, 'patron_http_request_duration_seconds_sum', profile)).toBeGreaterThan(0);

    const login = await stack.backofficeHttp().post('/api/auth/login').send({ email: 'ops@shop.test', password: STAFF_PASSWORD });
    expect((await stack.backofficeHttp().get(`/api/customers/${shopper.reference}`).set(bearer(login.body.accessToken))).status).toBe(200);
    const backoffice = await scrape('backoffice');
    expect(metricValue(backoffice, 'patron_http_request_duration_seconds_count', { app: 'backoffice', method: 'GET', route: '/api/customers/:reference', status: '200' })).toBe(1);
    expect(metricValue(backoffice, 'patron_http_request_duration_seconds_count', { app: 'backoffice', method: 'POST', route: '/api/auth/login', status: '200' })).toBe(1);
  });

  it('counts pending outbox messages and the age of the oldest, read at each scrape', async () => {
    const before = await scrape();
    const created = await stack.http().post('/customers').send(doc('customers', registrationAttributes()));
    expect(created.status).toBe(201);
    let after = await scrape();
    expect(metricValue(after, 'patron_outbox_messages', { status: 'pending' }) - metricValue(before, 'patron_outbox_messages', { status: 'pending' })).toBe(1);
    await stack.sql(`update outbox_message set created_at = created_at - interval '10 minutes' where subject = ?`, [created.body.data.id]);
    after = await scrape();
    expect(metricValue(after, 'patron_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(600);
    expect(metricValue(after, 'patron_outbox_oldest_pending_age_seconds')).toBeLessThan(700);
  });

  it('reports the mail queue depth by state', async () => {
    const queue = new Queue(MAIL_QUEUE, { connection: redisOptions(TEST_REDIS_URL), prefix: stack.env.QUEUE_PREFIX });
    try {
      const before = await scrape();
      for (let i = 0; i < 3; i++) await queue.add(CONFIRMATION, { outboxId: randomUUID(), type: CONFIRMATION }, { jobId: randomUUID() });
      await queue.add(CONFIRMATION, { outboxId: randomUUID(), type: CONFIRMATION }, { jobId: randomUUID(), delay: 60_000 });
      const after = await scrape();
      expect(metricValue(after, 'patron_mail_queue_jobs', { state: 'waiting' }) - metricValue(before, 'patron_mail_queue_jobs', { state: 'waiting' })).toBe(3);
      expect(metricValue(after, 'patron_mail_queue_jobs', { state: 'delayed' }) - metricValue(before, 'patron_mail_queue_jobs', { state: 'delayed' })).toBe(1);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('counts failed and blocked logins of each realm', async () => {
    const shopper = await registerShopper(stack);
    const before = await scrape();
    const storefront: number[] = [];
    for (let i = 0; i < 4; i++) storefront.push((await logIn(stack, shopper.email, 'Wrong-Password-1!')).status);
    const backoffice: number[] = [];
    for (let i = 0; i < 4; i++) backoffice.push((await stack.backofficeHttp().post('/api/auth/login').send({ email: 'ops@shop.test', password: 'Wrong-Password-1!' })).status);
    expect(storefront).toEqual([401, 401, 429, 429]);
    expect(backoffice).toEqual([401, 401, 429, 429]);
    await waitFor(async () => {
      const after = await scrape();
      const delta = (name: string, realm: string) => metricValue(after, name, { realm }) - metricValue(before, name, { realm });
      return delta('patron_login_failures_total', 'storefront') === 2 && delta('patron_login_blocked_total', 'storefront') === 2
        && delta('patron_login_failures_total', 'backoffice') === 2 && delta('patron_login_blocked_total', 'backoffice') === 2;
    }, { what: 'two failures and two blocks counted per realm' });
  });

  it('never shows emails, references, tokens or paths with ids', async () => {
    const shopper = await registerShopper(stack);
    await logIn(stack, shopper.email, 'Wrong-Password-1!');
    await stack.http().get(`/customers/${shopper.reference}/addresses/${randomUUID()}`).set(bearer(shopper.accessToken));
    await scrape();
    await scrape('backoffice');
    const text = scraped.join('\n');
    expect(text).not.toMatch(/@/);
    expect(text).not.toMatch(/DE--\d/);
    expect(text).not.toContain(shopper.accessToken.split('.')[1]);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(text).not.toContain('no-such-path');
  });
});

describe('metrics: mails sent, failed and dead', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const scrape = async () => parseMetrics((await stack.http().get('/metrics')).text);

  it('counts mails sent by type, and failed and dead ones', async () => {
    const before = await scrape();
    const sent = registrationAttributes();
    expect((await stack.http().post('/customers').send(doc('customers', sent))).status).toBe(201);
    await stack.smtp.waitForMailTo(sent.email as string);
    await waitFor(async () => metricValue(await scrape(), 'patron_mails_sent_total', { type: CONFIRMATION }) - metricValue(before, 'patron_mails_sent_total', { type: CONFIRMATION }) === 1, {
      what: 'one confirmation counted as sent',
    });

    const refused = registrationAttributes();
    stack.smtp.rejectRecipients.add((refused.email as string).toLowerCase());
    const created = await stack.http().post('/customers').send(doc('customers', refused));
    expect(created.status).toBe(201);
    await waitFor(async () => (await stack.sql<{ status: string }>('select status from outbox_message where subject = ?', [created.body.data.id]))[0]?.status === 'dead', {
      what: 'the refused mail dead',
    });
    await waitFor(async () => {
      const after = await scrape();
      return metricValue(after, 'patron_mails_failed_total') - metricValue(before, 'patron_mails_failed_total') === 1
        && metricValue(after, 'patron_mails_dead_total') - metricValue(before, 'patron_mails_dead_total') === 1
        && metricValue(after, 'patron_mails_sent_total') - metricValue(before, 'patron_mails_sent_total') === 1;
    }, { what: 'one failed and dead mail counted, still one sent' });
  });
});
