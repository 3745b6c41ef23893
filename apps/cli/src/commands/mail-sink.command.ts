import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A development SMTP server: accepts every mail, prints recipient, subject and links, and keeps it as an .eml file.
 * Uses the `smtp-server` package (a development dependency).
 */
export const runMailSink = async (port: number, directory: string): Promise<{ close(cb: () => void): void }> => {
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  mkdirSync(directory, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const file = join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${session.id}.eml`);
        writeFileSync(file, raw);
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        simpleParser(raw)
          .then((mail) => {
            const links = [...new Set(mail.text?.match(/https?:\/\/\S+/g) ?? [])];
            process.stdout.write(`Mail to ${to}: ${mail.subject ?? ''}\n${links.map((l) => `  ${l}\n`).join('')}  saved as ${file}\n`);
          })
          .catch(() => process.stdout.write(`Mail to ${to} saved as ${file}\n`))
          .finally(() => callback());
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(`Development SMTP server on smtp://127.0.0.1:${port}; mails are kept in ${directory}\n`);
  return server;
};
