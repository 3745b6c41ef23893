import { randomUUID } from 'node:crypto';
import { OpsConfig } from '@patron/ops';
import { TEST_SERVER_URL } from '../support/postgres';
import { createTestDatabase, TestDatabase } from '../support/database';
import { PatronProcess } from '../support/patron-process';
import { freePort, RedisServer } from '../support/redis-server';
import { SmtpSink } from '../support/smtp-sink';
import { deleteQueueKeys, doc, startStack, TEST_REDIS_URL, TestStack, testQueuePrefix } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { PartitionableProxy } from '../reliability/support';
import { registrationAttributes } from '../../apps/storefront-api/test/storefront.helpers';

/** Readiness answers within its checks' timeout (1.5 s) plus this margin, whatever the database or Redis does. */
const READY_BOUND_MS = 4_000;

type Ready = { status: string; info: Record<string, unknown>; error: Record<string, { status: string; message?: string }>; details: Record<string, { status: string }> };

describe('health: /health/live and /health/ready on the storefront and the back office', () => {
  let stack: TestStack;
  let redis: RedisServer;
  let proxy: PartitionableProxy;

  beforeAll(async () => {
    redis = await RedisServer.spawn();
    const server = new URL(TEST_SERVER_URL);
    proxy = await new PartitionableProxy(server.hostname, Number(server.port || 5432)).start();
    stack = await startStack({
      worker: false,
      backoffice: true,
      env: { REDIS_URL: redis.url, HEALTH_MAX_OUTBOX_LAG_SECONDS: '900' },
      connectVia: (url) => {
        const via = new URL(url);
        via.hostname = '127.0.0.1';
        via.port = String(proxy.port);
        return via.toString();
      },
    });
  });
  afterAll(async () => {
    if (redis?.pid) process.kill(redis.pid, 'SIGCONT');
    proxy?.heal();
    await stack?.close();
    await proxy?.stop();
    await redis?.stop();
  });

  const apps = () => [
    { name: 'storefront', http: stack.http },
    { name: 'back office', http: stack.backofficeHttp },
  ];

  /** `/health/ready` of each app: status, body and how long it took. */
  const readiness = async () =>
    Promise.all(
      apps().map(async ({ name, http }) => {
        const started = Date.now();
        const response = await http().get('/health/ready');
        return { name, status: response.status, body: response.body as Ready, ms: Date.now() - started, text: response.text };
      }),
    );

  const expectReady = async () => {
    for (const r of await readiness()) {
      expect([r.name, r.status]).toEqual([r.name, 200]);
      expect(r.body.status).toBe('ok');
      expect(Object.keys(r.body.details).sort()).toEqual(['database', 'migrations', 'outbox', 'process', 'redis']);
    }
  };

  /** Every app answers 503 within the bound, naming `check` as down (and only the checks in `down`). */
  const expectNotReady = async (down: string[], message: RegExp) => {
    for (const r of await readiness()) {
      expect([r.name, r.status]).toEqual([r.name, 503]);
      expect(r.body.status).toBe('error');
      expect(Object.keys(r.body.error).sort()).toEqual([...down].sort());
      expect(r.body.error[down[0]].message).toMatch(message);
      expect(r.ms).toBeLessThan(READY_BOUND_MS);
    }
  };

  it('answers live and ready with every check up, never cached', async () => {
    for (const { http } of apps()) {
      const live = await http().get('/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
      expect(live.headers['cache-control']).toBe('no-store');
      expect(live.headers['content-type']).toMatch(/^application\/json/);
    }
    await expectReady();
    const [storefront] = await readiness();
    expect(storefront.body.details).toMatchObject({ outbox: { status: 'up', pending: 0, lagSeconds: 0 } });
  });

  it('is not ready while Redis is down, and ready again once it is back', async () => {
    await redis.stop();
    try {
      await expectNotReady(['redis'], /./);
      expect((await stack.http().get('/health/live')).status).toBe(200);
    } finally {
      await redis.start();
    }
    await waitFor(async () => (await readiness()).every((r) => r.status === 200), { what: 'ready after Redis came back' });
  });

  it('answers within the bound while Redis hangs (process stopped, connections open)', async () => {
    process.kill(redis.pid!, 'SIGSTOP');
    try {
      await expectNotReady(['redis'], /no answer within 1500 ms/);
      const started = Date.now();
      const metrics = await stack.http().get('/metrics');
      expect(metrics.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(READY_BOUND_MS);
    } finally {
      process.kill(redis.pid!, 'SIGCONT');
    }
    await waitFor(async () => (await readiness()).every((r) => r.status === 200), { what: 'ready after Redis resumed' });
  });

  it('answers within the bound while the database hangs, and is ready again once it answers', async () => {
    expect((await stack.http().get('/health/ready')).status).toBe(200); // the pool holds open connections now
    proxy.freeze();
    try {
      await expectNotReady(['database', 'migrations', 'outbox'], /no answer within 1500 ms/);
      // A burst of probes while it hangs: each still answers within the bound.
      const burst = await Promise.all(Array.from({ length: 20 }, async () => {
        const at = Date.now();
        const response = await stack.http().get('/health/ready');
        return { status: response.status, ms: Date.now() - at };
      }));
      expect(burst.map((r) => r.status)).toEqual(Array(20).fill(503));
      expect(Math.max(...burst.map((r) => r.ms))).toBeLessThan(READY_BOUND_MS);
      const started = Date.now();
      const metrics = await stack.http().get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain('patron_outbox_messages');
      expect(Date.now() - started).toBeLessThan(READY_BOUND_MS);
      expect((await stack.backofficeHttp().get('/health/live')).status).toBe(200);
    } finally {
      proxy.heal();
    }
    await waitFor(async () => (await readiness()).every((r) => r.status === 200), { timeoutMs: 30_000, what: 'ready after the database answered again' });
  }, 60_000);

  it('is not ready while a migration is pending', async () => {
    const [latest] = await stack.sql<{ id: number; name: string; executed_at: Date }>('select * from mikro_orm_migrations order by name desc limit 1');
    await stack.sql('delete from mikro_orm_migrations where id = ?', [latest.id]);
    try {
      await expectNotReady(['migrations'], new RegExp(`1 pending: ${latest.name}`));
    } finally {
      await stack.sql('insert into mikro_orm_migrations (id, name, executed_at) values (?, ?, ?)', [latest.id, latest.name, latest.executed_at]);
    }
    await expectReady();
  });

  it('is not ready while mail is stuck in the outbox longer than HEALTH_MAX_OUTBOX_LAG_SECONDS', async () => {
    const id = randomUUID();
    await stack.sql(`insert into outbox_message (id, type, payload, status, attempts, created_at) values (?, 'mail.test', '{}', 'pending', 0, now() - interval '2 hours')`, [id]);
    try {
      await expectNotReady(['outbox'], /oldest undelivered message is 720\d s old \(limit 900 s\)/);
      // HEALTH_MAX_OUTBOX_LAG_SECONDS=0: stuck mail is reported, not a reason to take the app out.
      const config = stack.app.get(OpsConfig);
      config.maxOutboxLagSeconds = 0;
      try {
        const [storefront] = await readiness();
        expect(storefront.status).toBe(200);
        expect(storefront.body.details.outbox).toMatchObject({ status: 'up', lagSeconds: expect.any(Number) });
      } finally {
        config.maxOutboxLagSeconds = 900;
      }
    } finally {
      await stack.sql(`update outbox_message set status = 'delivered', delivered_at = now() where id = ?`, [id]);
    }
    await expectReady();
  });

  it('says nothing about customers', async () => {
    const attributes = registrationAttributes();
    const created = await stack.http().post('/customers').send(doc('customers', attributes));
    expect(created.status).toBe(201);
    for (const r of await readiness()) {
      expect(r.text).not.toContain(attributes.email as string);
      expect(r.text).not.toContain(created.body.data.id);
      expect(r.body.details).toMatchObject({ outbox: { pending: 1 } });
    }
  });
});

describe('health: the worker process on WORKER_PORT', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let worker: PatronProcess;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
  });
  afterAll(async () => {
    await worker?.kill();
    await smtp?.stop();
    await db?.drop();
    await deleteQueueKeys(TEST_REDIS_URL, prefix).catch(() => undefined);
  });

  it('serves /health/live, /health/ready (with Redis) and /metrics on its own port, and stops on SIGTERM with 0', async () => {
    const port = await freePort();
    worker = new PatronProcess('worker', PatronProcess.env({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, WORKER_PORT: String(port) })).start();
    await worker.waitUntilLive(port);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as Ready;
    expect(Object.keys(body.details).sort()).toEqual(['database', 'migrations', 'outbox', 'process', 'redis']);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const name of ['patron_mails_sent_total', 'patron_mails_failed_total', 'patron_mails_dead_total', 'patron_outbox_messages', 'patron_outbox_oldest_pending_age_seconds', 'patron_mail_queue_jobs']) {
      expect(metrics).toContain(`# TYPE ${name} `);
    }
    expect(worker.output).toContain(`health and metrics on http://localhost:${port}`);

    worker.signal('SIGTERM');
    expect(await worker.exited()).toEqual({ code: 0, signal: null });
  }, 90_000);
});
