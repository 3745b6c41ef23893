import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { doc, startStack, TestStack } from '../../../test/support/stack';
import { waitFor } from '../../../test/support/wait-for';

const PASSWORD = 'Correct-Horse7!';
const register = (stack: TestStack, email: string) =>
  stack.http().post('/customers').send(doc('customers', {
    salutation: 'Ms', firstName: 'In', lastName: 'Process', email, gender: 'Female', password: PASSWORD, confirmPassword: PASSWORD, acceptedTerms: true,
  }));
const outboxRow = async (stack: TestStack, reference: string) =>
  (await stack.sql<{ status: string; attempts: number; last_error: string | null }>('select status, attempts, last_error from outbox_message where subject = ?', [reference]))[0];

describe('mail without Redis (in-process delivery)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { REDIS_URL: '' } });
  });
  afterAll(() => stack.close());

  it('sends the confirmation mail once over SMTP and marks it delivered', async () => {
    const created = await register(stack, 'in.process@example.com');
    expect(created.status).toBe(201);
    await stack.smtp.waitForMailTo('in.process@example.com');
    await waitFor(async () => (await outboxRow(stack, created.body.data.id)).status === 'delivered', { what: 'the row to be delivered' });
    await new Promise((r) => setTimeout(r, 600));
    expect(stack.smtp.mailsTo('in.process@example.com')).toHaveLength(1);
  });

  it('marks a mail dead at the first SMTP 5xx, like the queue does', async () => {
    stack.smtp.rejectRecipients.add('refused.here@example.com');
    const created = await register(stack, 'refused.here@example.com');
    const row = await waitFor(async () => {
      const r = await outboxRow(stack, created.body.data.id);
      return r.status === 'dead' ? r : undefined;
    }, { what: 'the row to be dead' });
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('550');
  });
});

describe('mail without SMTP (files)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { REDIS_URL: '', SMTP_URL: '' } });
  });
  afterAll(() => stack.close());

  it('writes each mail as an .eml file under DATA_DIR/mail', async () => {
    const created = await register(stack, 'file.mail@example.com');
    expect(created.status).toBe(201);
    const directory = join(stack.env.DATA_DIR, 'mail');
    const [file] = await waitFor(() => {
      try {
        const names = readdirSync(directory).filter((n) => n.endsWith('.eml'));
        return names.length ? names : undefined;
      } catch {
        return undefined;
      }
    }, { what: 'the mail file' });
    const mail = await simpleParser(readFileSync(join(directory, file)));
    expect(mail.to).toMatchObject({ text: 'file.mail@example.com' });
    expect(mail.subject).toBe('Please confirm your email address');
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/register\/confirm\?token=\S+/);
    expect(stack.smtp.mails).toHaveLength(0);
  });
});
