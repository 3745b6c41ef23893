import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { createTransport, Transporter } from 'nodemailer';
import { MailConfig } from '../mail.config';
import { MailSender, OutgoingMail } from '../extension/mail-sender';

export const SMTP_URL = Symbol('mail.smtp-url');

/** Sends over SMTP with a small connection pool. 5xx answers (bad recipient, refused) are permanent failures. */
@Injectable()
export class SmtpMailSender implements MailSender, OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly config: MailConfig, smtpUrl: string) {
    // Options with the URL in them: a second argument would be message defaults, and the pool would be ignored.
    this.transport = createTransport({ url: smtpUrl, pool: true, maxConnections: config.smtpPoolSize, maxMessages: 1000 } as object);
    this.domain = /@([^>\s]+)/.exec(config.from)?.[1] ?? 'patron.local';
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
    this.transport.close();
  }
}
