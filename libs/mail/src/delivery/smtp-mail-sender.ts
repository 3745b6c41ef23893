import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { Transporter } from 'nodemailer';
import { MailConfig } from '../mail.config';
import { MailSender, OutgoingMail } from '../extension/mail-sender';

export const SMTP_URL = Symbol('mail.smtp-url');

/** Sends over SMTP with a small connection pool. 5xx answers (bad recipient, refused) are permanent failures. */
@Injectable()
export class SmtpMailSender implements MailSender, OnApplicationShutdown {
  private pool: Transporter | null = null;
  private readonly domain: string;

  constructor(private readonly config: MailConfig, private readonly smtpUrl: string) {
    this.domain = /@([^>\s]+)/.exec(config.from)?.[1] ?? 'patron.local';
  }

  /** The pool, made at the first mail: nodemailer is loaded only by processes that send mail. */
  private get transport(): Transporter {
    if (this.pool) return this.pool;
    const { createTransport } = require('nodemailer') as typeof import('nodemailer');
    // Options with the URL in them: a second argument would be message defaults, and the pool would be ignored.
    return (this.pool = createTransport({ url: this.smtpUrl, pool: true, maxConnections: this.config.smtpPoolSize, maxMessages: 1000 } as object));
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@${this.domain}>`,
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code && code >= 500) throw new UnrecoverableError(`SMTP refused the mail (${code}): ${(error as Error).message}`);
      throw error;
    }
  }

  /** After the mail jobs in flight finished (they stop before shutdown). */
  onApplicationShutdown(): void {
    this.close();
  }

  /** Closes the pooled connections. */
  close(): void {
    this.pool?.close();
  }
}
