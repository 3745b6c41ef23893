import { Agent } from 'node:http';
import { startStack, TestStack } from '../support/stack';
import { isGlueError, leaks, listen, pool, rawRequest, RawResponse, registration } from './support';

const JSON_API = { 'Content-Type': 'application/vnd.api+json' };
const EMAIL_TAKEN =
  'If this email address is already in use, you will receive a password reset link. Otherwise you must first validate your e-mail address to finish registration. Please check your e-mail.';

/** `count` spellings of one address that differ only in the case of their letters, the first all lower case. */
const caseVariants = (email: string, count: number): string[] => {
  const letters = [...email].map((c, i) => ({ c, i })).filter(({ c }) => c.toLowerCase() !== c.toUpperCase());
  return Array.from({ length: count }, (_, n) => {
    const chars = [...email.toLowerCase()];
    // Bit k of n upper-cases the k-th letter: every n gives a different spelling.
    letters.forEach(({ i }, k) => {
      if (k < 31 && (n >> k) & 1) chars[i] = chars[i].toUpperCase();
    });
    return n === count - 1 ? email.toUpperCase() : chars.join('');
  });
};

describe('Concurrent registrations of one email in different cases', () => {
  let stack: TestStack;
  let base: string;
  let agent: Agent;

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    base = await listen(stack.app);
    agent = new Agent({ keepAlive: true, maxSockets: 50 });
  });
  afterAll(async () => {
    agent?.destroy();
    await stack?.close();
  });

  it('creates exactly one account; every other request gets 422 `400`, none a 500', async () => {
    const email = `ada.race.${process.pid}.${Date.now().toString(36)}@x.test`;
    const variants = caseVariants(email, 50);
    expect(new Set(variants).size).toBe(50);

    const responses: RawResponse[] = await pool(variants.length, variants.length, (i) =>
      rawRequest(base, agent, { method: 'POST', path: '/customers', headers: JSON_API, body: JSON.stringify(registration(variants[i])), timeoutMs: 60_000 }),
    );

    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    expect(created).toHaveLength(1);
    expect(refused.map((r) => r.status)).toEqual(Array(49).fill(422));
    for (const r of refused) {
      expect(isGlueError(r.json, 422)).toBe(true);
      expect(r.json).toEqual({ errors: [{ status: 422, code: '400', detail: EMAIL_TAKEN }] });
      expect(leaks(r.text)).toBeUndefined();
    }

    const rows = await stack.sql<{ reference: string; email: string }>(`select customer_reference as reference, email from customer where email_normalized = lower(?)`, [email]);
    expect(rows).toHaveLength(1);
    expect(rows[0].reference).toBe((created[0].json as { data: { id: string } }).data.id);
    expect(variants).toContain(rows[0].email);
  });
});
