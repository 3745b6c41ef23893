import { Injectable, Logger } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { maskEmail } from '@patron/shared-kernel';
import { MailConfig } from '../mail.config';
import { MailSender, OutgoingMail } from '../extension/mail-sender';

/** Development sender without an SMTP server: writes each mail as an .eml file and logs where. */
@Injectable()
export class FileMailSender implements MailSender {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;

  constructor(private readonly config: MailConfig, private readonly directory: string) {
    this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@patron.local>`,
    });
    await mkdir(this.directory, { recursive: true });
    const file = join(this.directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`);
    await writeFile(file, info.message as Buffer);
    this.logger.log(`Mail to ${maskEmail(mail.to)} ("${mail.subject}") written to ${file}`);
  }
}
