import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailboxReader, writeEmlFile } from '@patron/mail';
import type { OutboxFacade } from '@patron/outbox';

const eml = (to: string, subject: string) =>
  `From: shop@example.com\nTo: ${to}\nSubject: ${subject}\nDate: Fri, 04 Dec 2026 10:00:00 +0000\n\nHello ${to}\n`;

describe('mailbox files', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'patron-mailbox-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('writes a mail as a whole .eml file and leaves nothing else behind', async () => {
    const file = await writeEmlFile(join(directory, 'mail'), 'mail-1', eml('ada@example.com', 'Welcome'));
    expect(file).toMatch(/-mail-1\.eml$/);
    expect(readdirSync(join(directory, 'mail'))).toEqual([file.split('/').pop()]);
    expect(readFileSync(file, 'utf8')).toContain('Subject: Welcome');
  });

  it('lists whole mails only, never one still being written', async () => {
    await writeEmlFile(directory, 'mail-1', eml('ada@example.com', 'Welcome'));
    writeFileSync(join(directory, '2026-12-04T10-00-01-000Z-mail-2.eml.partial'), 'From: shop@example.com\nTo: gr');
    const reader = new MailboxReader({} as OutboxFacade, directory);
    const mails = await reader.latest();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'ada@example.com', subject: 'Welcome' });
  });
});
