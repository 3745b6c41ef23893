import { Injectable, Logger } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { maskEmail } from '@patron/shared-kernel';
import { MailConfig } from '../mail.config';
import { MailSender, OutgoingMail } from '../extension/mail-sender';
import { writeEmlFile } from '../mailbox/eml-file';

/** Development sender without an SMTP server: writes each mail as an .eml file and logs where. */
@Injectable()
export class FileMailSender implements MailSender {
  private readonly logger = new Logger('Mail');
  private transport: Transporter | null = null;

  constructor(private readonly config: MailConfig, private readonly directory: string) {}

  async send(mail: OutgoingMail): Promise<void> {
    // Made at the first mail: nodemailer is loaded only by processes that send mail.
    this.transport ??= (require('nodemailer') as typeof import('nodemailer')).createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const info = await this.transport.sendMail({
      from: this.config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@patron.local>`,
    });
    const file = await writeEmlFile(this.directory, mail.id, info.message as Buffer);
    this.logger.log(`Mail to ${maskEmail(mail.to)} ("${mail.subject}") written to ${file}`);
  }
}
