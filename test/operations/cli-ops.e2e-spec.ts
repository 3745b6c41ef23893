import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CANCELLED } from '@patron/outbox';
import { runCli } from '../support/cli';
import { createTestDatabase, TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';

const RESTORE = 'mail.customer-password-restore';
/** Each command is a fresh process booting Nest: seconds each on a busy machine. */
const CLI_TEST_MS = 180_000;
const CONFIRMATION = 'mail.customer-registration-confirmation';

/** The ops commands of the built CLI (`node bin/run.js cli …`) against a real database and SMTP server. */
describe('CLI for ops: outbox:status, outbox:requeue, outbox:purge, tokens:purge, mail:test', () => {
  let db: TestDatabase;
  let sql: Client;
  let smtp: SmtpSink;
  const dataDir = mkdtempSync(join(tmpdir(), 'patron-cli-ops-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    smtp = await new SmtpSink().start();
  });
  afterAll(async () => {
    await sql?.end();
    await smtp?.stop();
    await db?.drop();
  });

  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { DATABASE_URL: db.url, DATA_DIR: dataDir, MIGRATE_ON_START: 'false', SMTP_URL: smtp.url, LOG_LEVEL: 'error', ...env });

  const ids: Record<string, string> = {};
  /** An outbox row `name` with `created_at` / `delivered_at` given as SQL intervals ago. */
  const row = async (name: string, type: string, status: string, created: string, fields: { delivered?: string; lastError?: string } = {}) => {
    ids[name] = randomUUID();
    await sql.query(
      `insert into outbox_message (id, type, payload, status, attempts, last_error, created_at, delivered_at, relayed_at)
       values ($1, $2, $3, $4, $5, $6, now() - $7::interval, now() - $8::interval, case when $4 = 'relayed' then now() end)`,
      [ids[name], type, JSON.stringify({ to: `${name}@example.com`, locale: 'en_US' }), status, status === 'dead' ? 8 : 0, fields.lastError ?? (status === 'dead' ? 'SMTP down' : null), created, fields.delivered ?? null],
    );
  };
  const statusOf = async (name: string) =>
    (await sql.query<{ status: string; attempts: number; relayed_at: Date | null }>('select status, attempts, relayed_at from outbox_message where id = $1', [ids[name]])).rows[0];
  const exists = async (name: string) => (await sql.query('select 1 from outbox_message where id = $1', [ids[name]])).rowCount === 1;

  beforeAll(async () => {
    await row('recentRestore', RESTORE, 'dead', '2 hours');
    await row('oldRestore', RESTORE, 'dead', '3 days');
    await row('recentConfirmation', CONFIRMATION, 'dead', '1 hour');
    await row('cancelled', RESTORE, 'dead', '1 hour', { lastError: CANCELLED });
    await row('deliveredLongAgo', CONFIRMATION, 'delivered', '40 days', { delivered: '40 days' });
    await row('deliveredLastWeek', CONFIRMATION, 'delivered', '10 days', { delivered: '6 days' });
    await row('pending', CONFIRMATION, 'pending', '5 minutes');
    await row('relayed', RESTORE, 'relayed', '1 minute');
  });

  it('outbox:status counts messages by status and type and gives the age of the oldest undelivered one', async () => {
    const result = await cli(['outbox:status']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('pending 1, relayed 1, delivered 2, dead 4');
    expect(lines[1]).toMatch(/^oldest message not yet delivered: 3\d\d s old$/);
    expect(lines[3].split(/\s+/)).toEqual(['status', 'count', 'type']);
    expect(lines.slice(4).map((line) => line.split(/\s+/))).toEqual([
      ['dead', '3', RESTORE],
      ['dead', '1', CONFIRMATION],
      ['delivered', '2', CONFIRMATION],
      ['pending', '1', CONFIRMATION],
      ['relayed', '1', RESTORE],
    ]);
    expect(result.stdout).not.toContain('@example.com');
  }, CLI_TEST_MS);

  it('outbox:requeue --type … --since 24h puts back only the dead messages of that type created since then', async () => {
    const result = await cli(['outbox:requeue', '--type', RESTORE, '--since', '24h']);
    expect([result.code, result.stdout.trim()]).toEqual([0, 'Requeued 1 dead message(s).']);
    expect(await statusOf('recentRestore')).toEqual({ status: 'pending', attempts: 0, relayed_at: null });
    expect((await statusOf('oldRestore')).status).toBe('dead');
    expect((await statusOf('recentConfirmation')).status).toBe('dead');
    expect((await statusOf('cancelled')).status).toBe('dead');
  }, CLI_TEST_MS);

  it('outbox:requeue --since takes an ISO time too, and without filters puts back every dead message but cancelled ones', async () => {
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString();
    expect((await cli(['outbox:requeue', '--since', since])).stdout.trim()).toBe('Requeued 1 dead message(s).');
    expect((await statusOf('recentConfirmation')).status).toBe('pending');
    expect((await statusOf('oldRestore')).status).toBe('dead');
    expect((await cli(['outbox:requeue'])).stdout.trim()).toBe('Requeued 1 dead message(s).');
    expect((await statusOf('oldRestore')).status).toBe('pending');
    expect((await statusOf('cancelled')).status).toBe('dead');
  }, CLI_TEST_MS);

  it('outbox:requeue refuses a --since it cannot read (exit 2), changing nothing', async () => {
    await sql.query(`update outbox_message set status = 'dead' where id = $1`, [ids.recentRestore]);
    const result = await cli(['outbox:requeue', '--since', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since "yesterday" is neither an ISO date or time nor an age like 24h');
    expect((await statusOf('recentRestore')).status).toBe('dead');
  }, CLI_TEST_MS);

  it('outbox:purge deletes delivered messages older than OUTBOX_RETENTION_DAYS (or --days), nothing else', async () => {
    const purged = await cli(['outbox:purge'], { OUTBOX_RETENTION_DAYS: '30' });
    expect(purged.code).toBe(0);
    expect(purged.stdout).toMatch(/^Purged 1 message\(s\) delivered before \S+ \(kept 30 day\(s\)\)\.$/m);
    expect([await exists('deliveredLongAgo'), await exists('deliveredLastWeek')]).toEqual([false, true]);

    expect((await cli(['outbox:purge', '--days', '5'])).stdout).toMatch(/^Purged 1 message\(s\)/m);
    expect(await exists('deliveredLastWeek')).toBe(false);
    for (const name of ['pending', 'relayed', 'recentRestore', 'cancelled']) expect(await exists(name)).toBe(true);

    const bad = await cli(['outbox:purge', '--days', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days must be a whole number of days (0 or more), not "-1"');
  }, CLI_TEST_MS);

  it('tokens:purge deletes the refresh tokens that have expired, spent or not, and keeps the others', async () => {
    const token = async (name: string, expires: string, revoked: boolean) =>
      sql.query(
        `insert into customer_refresh_token (token_hash, customer_reference, token_version, created_at, expires_at, revoked_at)
         values ($1, 'DE--1', 1, now() - interval '31 days', now() + $2::interval, case when $3 then now() end)`,
        [`hash-${name}-${randomUUID()}`, expires, revoked],
      );
    await token('expired', '-1 day', false);
    await token('expiredSpent', '-1 hour', true);
    await token('live', '10 days', false);
    await token('spent', '10 days', true);
    const purged = await cli(['tokens:purge']);
    expect(purged.code).toBe(0);
    expect(purged.stdout).toMatch(/^Purged 2 refresh token\(s\) that expired before \S+\.$/m);
    const left = await sql.query<{ expired: boolean; revoked: boolean }>('select expires_at < now() as expired, revoked_at is not null as revoked from customer_refresh_token order by revoked');
    expect(left.rows).toEqual([{ expired: false, revoked: false }, { expired: false, revoked: true }]);
  }, CLI_TEST_MS);

  it('mail:test sends a test mail through SMTP_URL and says where it went', async () => {
    const result = await cli(['mail:test', '--to', 'ops@example.com']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`Sent a test mail to ops@example.com through the SMTP server at 127.0.0.1:${smtp.port}.`);
    const mail = await smtp.waitForMailTo('ops@example.com');
    expect(mail.subject).toBe('Patron test mail');
    expect(mail.text).toContain('If you can read it, outgoing mail works.');
  }, CLI_TEST_MS);

  it('mail:test fails with exit 1 and the server\'s answer when the SMTP server refuses, and with 2 for a bad address', async () => {
    smtp.rejectRecipients.add('refused@example.com');
    const refused = await cli(['mail:test', '--to', 'refused@example.com']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/550/);
    const down = await cli(['mail:test', '--to', 'ops@example.com'], { SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/ECONNREFUSED/);
    const bad = await cli(['mail:test', '--to', 'not-an-address']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to "not-an-address" is not a valid email address');
  }, CLI_TEST_MS);

  it('mail:test without SMTP_URL writes the mail to a file under DATA_DIR/mail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patron-cli-mail-'));
    const result = await cli(['mail:test', '--to', 'files@example.com'], { SMTP_URL: '', DATA_DIR: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`Sent a test mail to files@example.com through a file in ${join(dir, 'mail')}.`);
    const [file] = readdirSync(join(dir, 'mail'));
    expect(readFileSync(join(dir, 'mail', file), 'utf8')).toMatch(/^Subject: Patron test mail$/m);
  }, CLI_TEST_MS);
});
