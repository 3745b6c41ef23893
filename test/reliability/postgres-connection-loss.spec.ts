import { Agent } from 'node:http';
import { Client } from 'pg';
import { UserFacade } from '@patron/user';
import { TEST_SERVER_URL } from '../support/postgres';
import { startStack, TestStack } from '../support/stack';
import { sleep } from '../support/wait-for';
import { isGlueError, leaks, listen, PartitionableProxy, PASSWORD, pool, rawRequest, RawResponse, registration, uniqueEmail } from './support';

/** No request may take longer than this, whatever the database does. */
const BOUND_MS = 10_000;
const JSON_API = { 'Content-Type': 'application/vnd.api+json' };
const STAFF_PASSWORD = 'Staff-Password-9!';

/**
 * PostgreSQL connections dropped under a registration burst. Requests fail with 503 in the Glue
 * error shape within a bounded time, or succeed; the app recovers without a restart.
 */
describe('PostgreSQL connections dropped during a registration burst', () => {
  let stack: TestStack;
  let base: string;
  let agent: Agent;
  let admin: Client;

  beforeAll(async () => {
    stack = await startStack({ worker: false, backoffice: true });
    await stack.app.get(UserFacade).create({ email: 'admin@shop.test', name: 'Admin', role: 'admin', password: STAFF_PASSWORD });
    base = await listen(stack.app);
    agent = new Agent({ keepAlive: true, maxSockets: 32 });
    admin = new Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`alter database "${stack.db.name}" allow_connections true`).catch(() => undefined);
    await admin?.end();
    agent?.destroy();
    await stack?.close();
  });

  /** Terminates every backend of the test database; returns how many. */
  const terminateBackends = async (): Promise<number> => {
    const { rows } = await admin.query<{ ok: boolean }>(
      `select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [stack.db.name],
    );
    return rows.filter((r) => r.ok).length;
  };

  const register = (email: string) =>
    rawRequest(base, agent, { method: 'POST', path: '/customers', headers: JSON_API, body: JSON.stringify(registration(email)), timeoutMs: BOUND_MS * 3 });

  const login = (email: string) =>
    rawRequest(base, agent, {
      method: 'POST', path: '/access-tokens', headers: JSON_API, timeoutMs: BOUND_MS * 3,
      body: JSON.stringify({ data: { type: 'access-tokens', attributes: { username: email, password: PASSWORD } } }),
    });

  /** Every answer is a success or a 503 in the contract's shape with a clear message, in bounded time. */
  const expectSuccessOr503 = (responses: RawResponse[], success: number) => {
    const unexpected = responses.filter((r) => r.status !== success && r.status !== 503);
    expect(unexpected.map((r) => `${r.status} ${r.text}`)).toEqual([]);
    for (const r of responses.filter((x) => x.status === 503)) {
      expect(isGlueError(r.json, 503)).toBe(true);
      expect((r.json as { errors: { detail: string }[] }).errors[0].detail).toMatch(/temporarily unavailable/i);
      expect(leaks(r.text)).toBeUndefined();
      expect(r.headers['retry-after']).toBeDefined();
    }
    expect(Math.max(...responses.map((r) => r.ms))).toBeLessThan(BOUND_MS);
  };

  it('answers 201 or 503 while backends are terminated again and again, and recovers', async () => {
    let terminated = 0;
    let bursting = true;
    const killer = (async () => {
      while (bursting) {
        terminated += await terminateBackends();
        await sleep(15);
      }
    })();
    let responses: RawResponse[];
    try {
      responses = await pool(150, 16, (i) => register(uniqueEmail(`burst${i}`)));
    } finally {
      bursting = false;
      await killer;
    }

    expect(terminated).toBeGreaterThan(0);
    expectSuccessOr503(responses, 201);
    const failed = responses.filter((r) => r.status === 503).length;
    // Each kill lands on a connection at work now and then; with this many kills some requests must have failed.
    expect(failed).toBeGreaterThan(0);

    // Nothing answered 201 was lost: each such customer is stored with its confirmation mail in the outbox.
    const references = responses.filter((r) => r.status === 201).map((r) => (r.json as { data: { id: string } }).data.id);
    const stored = await stack.sql<{ reference: string }>(
      `select c.customer_reference as reference from customer c
        where c.customer_reference in (${references.map(() => '?').join(',') || 'null'}) and exists (select 1 from outbox_message m where m.subject = c.customer_reference and m.type = 'mail.customer-registration-confirmation')`,
      references,
    );
    expect(stored.map((r) => r.reference).sort()).toEqual([...references].sort());

    // Recovered without a restart: registrations and logins work again.
    const after = await pool(10, 4, (i) => register(uniqueEmail(`after${i}`)));
    expect(after.map((r) => r.status)).toEqual(Array(10).fill(201));
  });

  it('answers 503 at once while the database refuses connections, and serves again when it is back', async () => {
    const email = uniqueEmail('before-outage');
    expect((await register(email)).status).toBe(201);
    // Confirmed by hand, so that its logins reach the password check.
    await stack.sql(`update customer set registered_at = now(), registration_key_hash = null where email = ?`, [email]);
    expect((await login(email)).status).toBe(201);

    const staff = await stack.backofficeHttp().post('/api/auth/login').send({ email: 'admin@shop.test', password: STAFF_PASSWORD });
    expect(staff.status).toBe(200);

    await admin.query(`alter database "${stack.db.name}" allow_connections false`);
    let responses: RawResponse[];
    try {
      await terminateBackends();
      responses = await pool(40, 8, (i) => (i % 2 ? register(uniqueEmail(`outage${i}`)) : login(email)));
      // The back office answers in its own shape.
      const search = await stack.backofficeHttp().get('/api/customers?q=ada').set('Authorization', `Bearer ${staff.body.accessToken}`).timeout(BOUND_MS);
      expect(search.status).toBe(503);
      expect(search.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/temporarily unavailable/i) });
      expect(search.headers['retry-after']).toBeDefined();
    } finally {
      await admin.query(`alter database "${stack.db.name}" allow_connections true`);
    }
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(503));
    expectSuccessOr503(responses, 201);

    const after = await pool(6, 3, (i) => register(uniqueEmail(`back${i}`)));
    expect(after.map((r) => r.status)).toEqual(Array(6).fill(201));
  });
});

/** Every answer a 503 in the contract's shape, saying what happened and when to retry, within the bound (plus the pool's wait). */
const expectAll503WithinBound = (responses: RawResponse[], count: number) => {
  expect(responses.map((r) => r.status)).toEqual(Array(count).fill(503));
  for (const r of responses) {
    expect(isGlueError(r.json, 503)).toBe(true);
    expect((r.json as { errors: { detail: string }[] }).errors[0].detail).toMatch(/temporarily unavailable/i);
    expect(r.headers['retry-after']).toBeDefined();
    expect(leaks(r.text)).toBeUndefined();
  }
  expect(Math.max(...responses.map((r) => r.ms))).toBeLessThan(BOUND_MS + 2_000);
};

describe('PostgreSQL unreachable (connections cut or silent, new ones never answered)', () => {
  let stack: TestStack;
  let proxy: PartitionableProxy;
  let base: string;
  let agent: Agent;

  beforeAll(async () => {
    const server = new URL(TEST_SERVER_URL);
    proxy = await new PartitionableProxy(server.hostname, Number(server.port || 5432)).start();
    stack = await startStack({
      worker: false,
      connectVia: (url) => {
        const via = new URL(url);
        via.hostname = '127.0.0.1';
        via.port = String(proxy.port);
        return via.toString();
      },
    });
    base = await listen(stack.app);
    agent = new Agent({ keepAlive: true, maxSockets: 32 });
  });
  afterAll(async () => {
    proxy?.heal();
    agent?.destroy();
    await stack?.close();
    await proxy?.stop();
  });

  const register = (email: string) =>
    rawRequest(base, agent, { method: 'POST', path: '/customers', headers: JSON_API, body: JSON.stringify(registration(email)), timeoutMs: 60_000 });

  const login = (email: string) =>
    rawRequest(base, agent, {
      method: 'POST', path: '/access-tokens', headers: JSON_API, timeoutMs: 60_000,
      body: JSON.stringify({ data: { type: 'access-tokens', attributes: { username: email, password: PASSWORD } } }),
    });

  it('answers 503 within the bound instead of waiting for the network, and serves again once it is back', async () => {
    expect((await register(uniqueEmail('reachable'))).status).toBe(201);

    proxy.partition();
    let responses: RawResponse[];
    try {
      // More requests than the pool has connections: some wait for a connection, others for a connection attempt.
      responses = await pool(24, 24, (i) => register(uniqueEmail(`unreachable${i}`)));
    } finally {
      proxy.heal();
    }
    expectAll503WithinBound(responses, 24);

    const after = await pool(4, 2, (i) => register(uniqueEmail(`reachable-again${i}`)));
    expect(after.map((r) => r.status)).toEqual(Array(4).fill(201));
  }, 120_000);

  it('answers 503 within the bound when the server stops answering on open connections, and serves again once it answers', async () => {
    // Open more pooled connections than the requests that follow, so that each of them meets a connection that goes silent.
    const warmEmails = Array.from({ length: 8 }, (_, i) => uniqueEmail(`warm${i}`));
    const warm = await pool(8, 8, (i) => register(warmEmails[i]));
    expect(warm.map((r) => r.status)).toEqual(Array(8).fill(201));

    proxy.freeze();
    let responses: RawResponse[];
    try {
      // Registrations and logins: each reaches the database through a different path (transaction, plain select).
      responses = await pool(6, 6, (i) => (i % 2 ? login(warmEmails[i]) : register(uniqueEmail(`stalled${i}`))));
    } finally {
      proxy.heal();
    }
    expectAll503WithinBound(responses, 6);

    const after = await pool(4, 2, (i) => register(uniqueEmail(`answering-again${i}`)));
    expect(after.map((r) => r.status)).toEqual(Array(4).fill(201));
  }, 120_000);
});
