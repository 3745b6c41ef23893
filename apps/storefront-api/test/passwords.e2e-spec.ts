import { Clock } from '@patron/shared-kernel';
import { AfterResponse } from '../src/glue/after-response';
import { doc, startStack, TestStack } from '../../../test/support/stack';
import { bearer, glueError, logIn, PASSWORD, registerShopper } from './storefront.helpers';

/** The real time plus an offset the test moves forward. */
class OffsetClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const NEW_PASSWORD = 'Brand-New-Horse8?';
const INVALID_KEY = glueError(422, '415', 'Restore password key is not valid.');

describe('password lifecycle', () => {
  let stack: TestStack;
  const clock = new OffsetClock();
  beforeAll(async () => {
    stack = await startStack({ worker: false, clock, env: { FORGOTTEN_PASSWORD_LIMIT_PER_IP: '1000' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => (clock.offsetMs = 0));

  /** The request, then the work it started after answering. */
  const forgotten = async (email: unknown) => {
    const response = await stack.http().post('/customer-forgotten-password').send(doc('customer-forgotten-password', { email }));
    await stack.app.get(AfterResponse).settled();
    return response;
  };
  const restore = (restorePasswordKey: string, password = NEW_PASSWORD, confirmPassword = password) =>
    stack.http().patch('/customer-restore-password/mine').send(doc('customer-restore-password', { restorePasswordKey, password, confirmPassword }));
  const outbox = (reference: string, type: string) =>
    stack.sql<{ token: string | null; to: string }>(
      `select payload->'secrets'->>'token' as token, payload->>'to' as "to" from outbox_message where subject = ? and type = ? order by created_at`,
      [reference, type],
    );
  const restoreKeys = async (reference: string) => (await outbox(reference, 'mail.customer-password-restore')).map((r) => r.token!);

  describe('POST /customer-forgotten-password', () => {
    it('answers 204 alike for known and unknown emails; only a live customer gets a restore mail', async () => {
      const shopper = await registerShopper(stack);
      const known = await forgotten(shopper.email.toUpperCase());
      const unknown = await forgotten('nobody.at.all@example.com');
      expect(known.status).toBe(204);
      expect(unknown.status).toBe(204);
      expect(known.body).toEqual(unknown.body);
      const mails = await outbox(shopper.reference, 'mail.customer-password-restore');
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toBe(shopper.email);
      expect(await stack.sql(`select id from outbox_message where payload->>'to' = 'nobody.at.all@example.com'`)).toHaveLength(0);
    });

    it('refuses a malformed email with 422 901', async () => {
      expect((await forgotten('not-an-email')).body).toEqual(glueError(422, '901', 'email => This value is not a valid email address.'));
      expect((await forgotten(undefined)).body).toEqual(glueError(422, '901', 'email => This field is missing.'));
    });

    it('sends at most 3 restore mails per customer per 15 minutes, still answering 204', async () => {
      const shopper = await registerShopper(stack);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await forgotten(shopper.email)).status);
      expect(statuses).toEqual([204, 204, 204, 204, 204]);
      expect(await restoreKeys(shopper.reference)).toHaveLength(3);
      clock.offsetMs = 16 * 60_000;
      await forgotten(shopper.email);
      expect(await restoreKeys(shopper.reference)).toHaveLength(4);
    });
  });

  describe('PATCH /customer-restore-password/{anyId}', () => {
    it('sets the new password once, revokes every earlier token and mails a notice', async () => {
      const shopper = await registerShopper(stack);
      await forgotten(shopper.email);
      const [key] = await restoreKeys(shopper.reference);

      expect((await restore(key, NEW_PASSWORD, 'Other-Horse8?')).body).toEqual(
        glueError(422, '406', 'Value in field password should be identical to value in the confirmPassword field.'),
      );
      expect((await restore(key, 'Abbb1!xyz123')).body).toEqual(glueError(400, '421', 'The password contains sequence of the same character.'));
      expect((await restore(key, 'Password123!')).body).toEqual(glueError(400, '422', 'The password is listed as common.'));

      const done = await restore(key);
      expect(done.status).toBe(204);
      expect((await restore(key)).body).toEqual(INVALID_KEY);

      expect((await logIn(stack, shopper.email, PASSWORD)).status).toBe(401);
      expect((await logIn(stack, shopper.email, NEW_PASSWORD)).status).toBe(201);
      expect((await stack.http().get('/customers').set(bearer(shopper.accessToken))).body).toEqual(glueError(401, '001', 'Invalid access token.'));
      expect((await stack.http().post('/refresh-tokens').send(doc('refresh-tokens', { refreshToken: shopper.refreshToken }))).body).toEqual(
        glueError(401, '004', 'Failed to refresh token.'),
      );
      expect(await outbox(shopper.reference, 'mail.customer-password-changed')).toHaveLength(1);
    });

    it('confirms an unconfirmed customer (e.g. imported without a registration date) with the reset', async () => {
      const created = await stack.http().post('/customers').send(doc('customers', {
        salutation: 'Mr', firstName: 'Un', lastName: 'Confirmed', email: 'un.confirmed@example.com', gender: 'Male', password: PASSWORD, confirmPassword: PASSWORD, acceptedTerms: true,
      }));
      expect((await logIn(stack, 'un.confirmed@example.com', PASSWORD)).status).toBe(401);
      await forgotten('un.confirmed@example.com');
      const [key] = await restoreKeys(created.body.data.id);
      expect((await restore(key)).status).toBe(204);
      expect((await logIn(stack, 'un.confirmed@example.com', NEW_PASSWORD)).status).toBe(201);
    });

    it('takes the key from the body whatever the path says, also with no id in the path or another id in data.id', async () => {
      const shopper = await registerShopper(stack);
      await forgotten(shopper.email);
      const [key] = await restoreKeys(shopper.reference);
      const body = { data: { type: 'customer-restore-password', id: 'anything', attributes: { restorePasswordKey: key, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } } };
      const done = await stack.http().patch('/customer-restore-password').send(body);
      expect(done.status).toBe(204);
      expect((await logIn(stack, shopper.email, NEW_PASSWORD)).status).toBe(201);
    });

    it('refuses an unknown key and an older key after a newer request with 422 415', async () => {
      const shopper = await registerShopper(stack);
      expect((await restore('no-such-key')).body).toEqual(INVALID_KEY);
      await forgotten(shopper.email);
      await forgotten(shopper.email);
      const [older, newer] = await restoreKeys(shopper.reference);
      expect((await restore(older)).body).toEqual(INVALID_KEY);
      expect((await restore(newer)).status).toBe(204);
    });

    it('refuses an expired key (2 hours) with 400 407', async () => {
      const shopper = await registerShopper(stack);
      await forgotten(shopper.email);
      const [key] = await restoreKeys(shopper.reference);
      clock.offsetMs = 2 * 3600_000 + 1000;
      const expired = await restore(key);
      expect(expired.status).toBe(400);
      expect(expired.body).toEqual(glueError(400, '407', 'Failed to change password.'));
      expect((await logIn(stack, shopper.email, PASSWORD)).status).toBe(201);
    });

    it('lets only one of two concurrent resets with the same key succeed', async () => {
      const shopper = await registerShopper(stack);
      await forgotten(shopper.email);
      const [key] = await restoreKeys(shopper.reference);
      const statuses = (await Promise.all([restore(key), restore(key, 'Another-Horse9#')])).map((r) => r.status).sort();
      expect(statuses).toEqual([204, 422]);
    });
  });

  describe('PATCH /customer-password/{ref}', () => {
    const change = (shopper: { accessToken: string }, reference: string, attributes: Record<string, unknown>) =>
      stack.http().patch(`/customer-password/${reference}`).set(bearer(shopper.accessToken)).send(doc('customer-password', attributes));

    it('changes the password with the current one; every other session ends, the caller\'s own access token goes on', async () => {
      const shopper = await registerShopper(stack);
      const otherSession = (await logIn(stack, shopper.email, PASSWORD)).body.data.attributes;
      expect((await change(shopper, shopper.reference, { password: 'Wrong-Horse7!', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).body).toEqual(
        glueError(400, '408', 'Invalid password'),
      );
      expect((await change(shopper, shopper.reference, { password: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: 'Other-Horse8?' })).body).toEqual(
        glueError(422, '406', 'Value in field newPassword should be identical to value in the confirmPassword field.'),
      );
      expect((await change(shopper, shopper.reference, { password: PASSWORD, newPassword: 'Password123!', confirmPassword: 'Password123!' })).body).toEqual(
        glueError(400, '422', 'The password is listed as common.'),
      );
      const done = await change(shopper, shopper.reference, { password: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(done.status).toBe(204);
      expect((await stack.http().get('/customers').set(bearer(shopper.accessToken))).status).toBe(200);
      expect((await stack.http().get('/customers').set(bearer(otherSession.accessToken))).status).toBe(401);
      for (const refreshToken of [shopper.refreshToken, otherSession.refreshToken]) {
        expect((await stack.http().post('/refresh-tokens').send(doc('refresh-tokens', { refreshToken }))).status).toBe(401);
      }
      // The same session changes it back, and still goes on; a reset by mail then ends it too.
      expect((await change(shopper, shopper.reference, { password: NEW_PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD })).status).toBe(204);
      expect((await stack.http().get('/customers').set(bearer(shopper.accessToken))).status).toBe(200);
      expect((await change(shopper, shopper.reference, { password: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(204);
      expect((await logIn(stack, shopper.email, NEW_PASSWORD)).status).toBe(201);
      await forgotten(shopper.email);
      const key = (await restoreKeys(shopper.reference)).at(-1)!;
      expect((await restore(key, 'Third-Horse9?')).status).toBe(204);
      expect((await stack.http().get('/customers').set(bearer(shopper.accessToken))).status).toBe(401);
      expect(await outbox(shopper.reference, 'mail.customer-password-changed')).toHaveLength(4);
    });

    it("refuses another customer's reference with 403 411", async () => {
      const shopper = await registerShopper(stack);
      const other = await registerShopper(stack);
      expect((await change(shopper, other.reference, { password: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).body).toEqual(
        glueError(403, '411', 'Unauthorized request.'),
      );
      expect((await logIn(stack, other.email, PASSWORD)).status).toBe(201);
    });

    it('answers a path without reference with 400 405, and without a token with 403 002', async () => {
      const shopper = await registerShopper(stack);
      const attributes = { password: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
      const missing = await stack.http().patch('/customer-password').set(bearer(shopper.accessToken)).send(doc('customer-password', attributes));
      expect(missing.body).toEqual(glueError(400, '405', 'Customer reference is missing.'));
      expect((await stack.http().patch('/customer-password').send(doc('customer-password', attributes))).body).toEqual(
        glueError(403, '002', 'Missing access token.'),
      );
      expect((await logIn(stack, shopper.email, PASSWORD)).status).toBe(201);
    });

    it('counts wrong current passwords like failed logins: the 10th try is blocked even when right', async () => {
      const shopper = await registerShopper(stack);
      const attempt = (password: string) => change(shopper, shopper.reference, { password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(`Wrong-Horse${i}!`)));
      expect(answers.filter((a) => a.status === 400)).toHaveLength(9);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(3);
      const blocked = await attempt(PASSWORD);
      expect(blocked.body).toEqual(glueError(429, '4401', 'Too many log in attempts from your address. Please wait 6 minutes before trying again.'));
      expect((await logIn(stack, shopper.email, PASSWORD)).status).toBe(201);
    });

    it('a right current password clears the count, also when the new password is refused', async () => {
      const shopper = await registerShopper(stack);
      const attempt = (password: string, newPassword = NEW_PASSWORD) => change(shopper, shopper.reference, { password, newPassword, confirmPassword: newPassword });
      for (let i = 0; i < 8; i++) expect((await attempt('Wrong-Horse7!')).status).toBe(400);
      expect((await attempt(PASSWORD, 'Password123!')).body).toEqual(glueError(400, '422', 'The password is listed as common.'));
      for (let i = 0; i < 8; i++) expect((await attempt('Wrong-Horse7!')).status).toBe(400);
      expect((await attempt(PASSWORD)).status).toBe(204);
    });

    it('validates the attributes with 422 901', async () => {
      const shopper = await registerShopper(stack);
      const response = await change(shopper, shopper.reference, {});
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { detail: string }) => e.detail).sort()).toEqual([
        'confirmPassword => This field is missing.', 'newPassword => This field is missing.', 'password => This field is missing.',
      ]);
    });
  });

  describe('POST /customer-confirmation-resend', () => {
    const resend = async (email: string) => {
      const response = await stack.http().post('/customer-confirmation-resend').send(doc('customer-confirmation-resend', { email }));
      await stack.app.get(AfterResponse).settled();
      return response;
    };

    it('sends a new key for an unconfirmed customer at most once per 15 minutes; answers 204 for anyone', async () => {
      const created = await stack.http().post('/customers').send(doc('customers', {
        salutation: 'Mr', firstName: 'Re', lastName: 'Send', email: 're.send@example.com', gender: 'Male', password: PASSWORD, confirmPassword: PASSWORD, acceptedTerms: true,
      }));
      const reference = created.body.data.id;
      const confirmations = () => outbox(reference, 'mail.customer-registration-confirmation');
      expect((await resend('re.send@example.com')).status).toBe(204);
      expect(await confirmations()).toHaveLength(1);
      clock.offsetMs = 16 * 60_000;
      expect((await resend('RE.SEND@example.com')).status).toBe(204);
      expect((await resend('re.send@example.com')).status).toBe(204);
      const keys = (await confirmations()).map((r) => r.token!);
      expect(keys).toHaveLength(2);
      const confirm = (registrationKey: string) => stack.http().post('/customer-confirmation').send(doc('customer-confirmation', { registrationKey }));
      expect((await confirm(keys[0])).status).toBe(422);
      expect((await confirm(keys[1])).status).toBe(204);
      expect((await resend('nobody.resend@example.com')).status).toBe(204);
    });
  });
});

describe('optional breached-password check', () => {
  it('refuses a password the range API knows, at registration, with 400 422', async () => {
    const { startRangeApi } = await import('../../../test/support/range-api');
    const api = await startRangeApi(['Breached-Horse7!']);
    const stack = await startStack({ worker: false, env: { PASSWORD_BREACH_CHECK_URL: api.url } });
    try {
      const attributes = (password: string) => ({
        salutation: 'Ms', firstName: 'B', lastName: 'C', email: `breach.${password.length}@example.com`, gender: 'Female', password, confirmPassword: password, acceptedTerms: true,
      });
      const refused = await stack.http().post('/customers').send(doc('customers', attributes('Breached-Horse7!')));
      expect(refused.body).toEqual(glueError(400, '422', 'The password is listed as common.'));
      expect((await stack.http().post('/customers').send(doc('customers', attributes('Unbreached-Horse7!')))).status).toBe(201);
      expect(api.paths.every((p) => /^\/range\/[0-9A-F]{5}$/.test(p))).toBe(true);
    } finally {
      await stack.close();
      await api.close();
    }
  });
});

describe('mail requests without a per-IP limit (default)', () => {
  it('answers every password-reset and confirmation-resend request from one address with 204', async () => {
    const stack = await startStack({ worker: false });
    try {
      for (let i = 0; i < 12; i++) {
        const email = `one.address.${i}@example.com`;
        expect((await stack.http().post('/customer-forgotten-password').send(doc('customer-forgotten-password', { email }))).status).toBe(204);
        expect((await stack.http().post('/customer-confirmation-resend').send(doc('customer-confirmation-resend', { email }))).status).toBe(204);
      }
    } finally {
      await stack.close();
    }
  });
});
