import { doc, startStack, TestStack } from '../../../test/support/stack';
import { glueError, logIn, PASSWORD, registerShopper } from './storefront.helpers';

const BLOCKED = glueError(429, '4401', 'Too many log in attempts from your address. Please wait 6 minutes before trying again.');

describe('login blocking and request throttling', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { TRUST_PROXY: 'true', FORGOTTEN_PASSWORD_LIMIT_PER_IP: '3' } });
  });
  afterAll(() => stack.close());

  const attempt = (username: string, password: string, ip: string) =>
    stack.http().post('/access-tokens').set('X-Forwarded-For', ip).send(doc('access-tokens', { username, password }));

  it('blocks the 10th attempt of an IP + username pair, even with the right password, before checking it', async () => {
    const shopper = await registerShopper(stack);
    for (let i = 1; i <= 9; i++) {
      const failed = await attempt(shopper.email, 'Wrong-Horse7!', '203.0.113.7');
      expect(failed.body).toEqual(glueError(401, '003', 'Failed to authenticate user.'));
    }
    const tenth = await attempt(shopper.email, PASSWORD, '203.0.113.7');
    expect(tenth.status).toBe(429);
    expect(tenth.body).toEqual(BLOCKED);
    expect(tenth.headers['retry-after']).toBe('360');
    // Another address is another pair.
    expect((await attempt(shopper.email, PASSWORD, '203.0.113.8')).status).toBe(201);
  });

  it('counts the username ignoring case and surrounding spaces, as the login lookup does', async () => {
    const shopper = await registerShopper(stack);
    const variants = [shopper.email, shopper.email.toUpperCase(), ` ${shopper.email} `, shopper.email.replace(/^./, (c) => c.toUpperCase())];
    for (let i = 1; i <= 9; i++) {
      expect((await attempt(variants[i % variants.length], 'Wrong-Horse7!', '203.0.113.9')).status).toBe(401);
    }
    for (const variant of variants) expect((await attempt(variant, PASSWORD, '203.0.113.9')).body).toEqual(BLOCKED);
  });

  it('lets no more than the limit of parallel attempts reach the password check', async () => {
    const shopper = await registerShopper(stack);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(shopper.email, `Wrong-Horse${i}!`, '203.0.113.10')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(9);
    expect(statuses.filter((s) => s === 429)).toHaveLength(21);
    expect((await attempt(shopper.email, PASSWORD, '203.0.113.10')).body).toEqual(BLOCKED);
  });

  it('blocks unknown usernames the same way (no enumeration through the blocker)', async () => {
    for (let i = 0; i < 9; i++) await attempt('ghost@example.com', 'Wrong-Horse7!', '198.51.100.1');
    expect((await attempt('ghost@example.com', 'Wrong-Horse7!', '198.51.100.1')).body).toEqual(BLOCKED);
  });

  it('a successful login clears the failures of the pair', async () => {
    const shopper = await registerShopper(stack);
    for (let i = 0; i < 8; i++) await attempt(shopper.email, 'Wrong-Horse7!', '192.0.2.44');
    expect((await attempt(shopper.email, PASSWORD, '192.0.2.44')).status).toBe(201);
    for (let i = 0; i < 8; i++) expect((await attempt(shopper.email, 'Wrong-Horse7!', '192.0.2.44')).status).toBe(401);
    expect((await attempt(shopper.email, PASSWORD, '192.0.2.44')).status).toBe(201);
  });

  it('shares the counters between API instances through Redis', async () => {
    const second = await startStack({ worker: false, env: { TRUST_PROXY: 'true', QUEUE_PREFIX: stack.env.QUEUE_PREFIX } });
    try {
      for (let i = 0; i < 9; i++) await attempt('shared@example.com', 'Wrong-Horse7!', '192.0.2.99');
      const elsewhere = await second.http().post('/access-tokens').set('X-Forwarded-For', '192.0.2.99').send(doc('access-tokens', { username: 'shared@example.com', password: 'x' }));
      expect(elsewhere.body).toEqual(BLOCKED);
    } finally {
      await second.close();
    }
  });

  it('throttles password-reset requests per client IP', async () => {
    const send = (ip: string) =>
      stack.http().post('/customer-forgotten-password').set('X-Forwarded-For', ip).send(doc('customer-forgotten-password', { email: 'any@example.com' }));
    expect([(await send('192.0.2.10')).status, (await send('192.0.2.10')).status, (await send('192.0.2.10')).status]).toEqual([204, 204, 204]);
    const fourth = await send('192.0.2.10');
    expect(fourth.status).toBe(429);
    expect(fourth.body.errors[0]).toMatchObject({ status: 429, code: '429' });
    expect(Number(fourth.headers['retry-after'])).toBe(15 * 60);
    expect((await send('192.0.2.11')).status).toBe(204);
  });
});

describe('login blocking ends after the block time', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { LOGIN_FAILURE_LIMIT: '2', LOGIN_BLOCK_SECONDS: '1' } });
  });
  afterAll(() => stack.close());

  it('lets the pair try again once the block expired', async () => {
    const shopper = await registerShopper(stack);
    await logIn(stack, shopper.email, 'Wrong-Horse7!');
    await logIn(stack, shopper.email, 'Wrong-Horse7!');
    const blocked = await logIn(stack, shopper.email, PASSWORD);
    expect(blocked.body).toEqual(glueError(429, '4401', 'Too many log in attempts from your address. Please wait 1 minutes before trying again.'));
    await new Promise((r) => setTimeout(r, 1_300));
    expect((await logIn(stack, shopper.email, PASSWORD)).status).toBe(201);
  });
});
