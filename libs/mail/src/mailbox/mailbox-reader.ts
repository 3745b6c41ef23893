import { Injectable } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutboxFacade } from '@patron/outbox';

export interface MailboxEntry {
  to: string;
  subject: string;
  sentAt: Date;
  /** Plain-text body, when the mail itself was kept (file delivery). */
  text?: string;
  html?: string;
  /** Where the entry comes from: an .eml file, or an outbox row (mail handed to SMTP). */
  source: string;
  status?: string;
}

/**
 * The latest mails, for the development mailbox: the .eml files of the file sender, or else the outbox rows of
 * mail sent over SMTP (whose bodies, holding single-use links, are not kept).
 */
@Injectable()
export class MailboxReader {
  constructor(private readonly outbox: OutboxFacade, private readonly directory: string | null) {}

  /** Where the mails are read from, for display. */
  get origin(): string {
    return this.directory ? `the files in ${this.directory}` : 'the outbox (mail sent over SMTP; bodies are not kept)';
  }

  async latest(limit = 50): Promise<MailboxEntry[]> {
    return this.directory ? this.fromFiles(this.directory, limit) : this.fromOutbox(limit);
  }

  private async fromFiles(directory: string, limit: number): Promise<MailboxEntry[]> {
    const names = await readdir(directory).catch(() => [] as string[]);
    const latest = names.filter((n) => n.endsWith('.eml')).sort().reverse().slice(0, limit);
    // Loaded here, not at start: only the development mailbox parses mails.
    const { simpleParser } = await import('mailparser');
    return Promise.all(
      latest.map(async (name) => {
        const mail = await simpleParser(await readFile(join(directory, name)));
        return {
          to: (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text ?? '',
          subject: mail.subject ?? '',
          sentAt: mail.date ?? new Date(0),
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : undefined,
          source: join(directory, name),
        };
      }),
    );
  }

  private async fromOutbox(limit: number): Promise<MailboxEntry[]> {
    const rows = await this.outbox.listLatest(limit);
    return rows.map((r) => ({
      to: r.recipient ?? '',
      subject: r.type,
      sentAt: r.deliveredAt ?? r.createdAt,
      source: `outbox ${r.id}`,
      status: r.status,
    }));
  }
}
