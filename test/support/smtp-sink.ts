import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** A real SMTP server in-process that keeps what it receives. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server!: SMTPServer;
  private waiters: (() => void)[] = [];
  /** When set, RCPT TO for these addresses is refused with 550. */
  readonly rejectRecipients = new Set<string>();
  /** How long the server takes to accept each mail after receiving it (a slow mail server). */
  acceptDelayMs = 0;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address.toLowerCase())) {
          // Worded like Postfix, which quotes the address it refuses.
          const error = Object.assign(new Error(`<${address.address}>: Recipient address rejected: Mailbox unavailable`), { responseCode: 550 });
          return callback(error);
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed: ParsedMail) => {
            this.mails.push({
              to: (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.text ?? '',
              from: parsed.from?.text ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
            });
            this.waiters.splice(0).forEach((wake) => wake());
            if (this.acceptDelayMs > 0) setTimeout(() => callback(), this.acceptDelayMs);
            else callback();
          })
          .catch(callback);
      },
    });
    // A client killed mid-session resets its pooled connection; the server reports that as an error event.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  mailsTo(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
  }

  /** Resolves with the first mail to `address` (waiting up to `timeoutMs`). */
  async waitForMailTo(address: string, timeoutMs = 15_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mailsTo(address)[0];
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No mail to ${address} within ${timeoutMs} ms (received: ${this.mails.map((m) => m.to).join(', ') || 'none'})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The registration key from a confirmation mail's link. */
export const tokenFromMail = (mail: ReceivedMail): string => {
  const match = /[?&]token=([^\s"&<]+)/.exec(mail.text);
  if (!match) throw new Error(`No token link in mail: ${mail.text}`);
  return decodeURIComponent(match[1]);
};
