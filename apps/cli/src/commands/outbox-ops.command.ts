import { randomUUID } from 'node:crypto';
import { Env, mailDirectory } from '@patron/config';
import { defaultMailSender, MailConfig } from '@patron/mail';
import { OutboxStatusReport } from '@patron/outbox';
import { parseDurationSeconds, parseIsoTimestamp } from '@patron/shared-kernel';

/** `--since`: an ISO date or time, or an age such as `24h` counted back from now; null when it is neither. */
export const parseSince = (value: string, now = new Date()): Date | null => {
  const timestamp = parseIsoTimestamp(value);
  if (timestamp) return timestamp;
  try {
    return new Date(now.getTime() - parseDurationSeconds(value) * 1000);
  } catch {
    return null;
  }
};

export const formatOutboxStatus = (report: OutboxStatusReport): string => {
  const lines = [
    `pending ${report.byStatus.pending}, relayed ${report.byStatus.relayed}, delivered ${report.byStatus.delivered}, dead ${report.byStatus.dead}`,
    `oldest message not yet delivered: ${report.oldestUndeliveredAgeSeconds ? `${Math.round(report.oldestUndeliveredAgeSeconds)} s old` : 'none'}`,
  ];
  if (report.byStatusAndType.length) {
    lines.push('', 'status     count  type');
    for (const row of report.byStatusAndType) lines.push(`${row.status.padEnd(9)} ${String(row.count).padStart(6)}  ${row.type}`);
  }
  return lines.join('\n');
};

/** Sends one plain test mail with the configured sender; returns what happened, throws what went wrong. */
export const sendTestMail = async (env: Env, to: string): Promise<string> => {
  const config = MailConfig.from({ from: env.MAIL_FROM, storefrontUrl: env.STOREFRONT_URL });
  const directory = mailDirectory(env);
  const sender = defaultMailSender(config, { smtpUrl: env.SMTP_URL, mailDirectory: directory ?? undefined });
  try {
    await sender.send({
      id: randomUUID(),
      to,
      subject: 'Patron test mail',
      text: `This is a test mail from Patron (mail:test), sent from ${env.MAIL_FROM}.\nIf you can read it, outgoing mail works.\n`,
      html: `<p>This is a test mail from Patron (<code>mail:test</code>).</p><p>If you can read it, outgoing mail works.</p>`,
    });
  } finally {
    sender.close?.();
  }
  const where = env.SMTP_URL ? `the SMTP server at ${new URL(env.SMTP_URL).host}` : `a file in ${directory}`;
  return `Sent a test mail to ${to} through ${where}.`;
};
