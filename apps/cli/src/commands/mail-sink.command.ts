import { mkdirSync } from 'node:fs';
import { writeEmlFile } from '@patron/mail';

/**
 * A development SMTP server: accepts every mail, prints recipient, subject and links, and keeps it as an .eml file.
 * Uses the `smtp-server` package (a development dependency).
 */
export const runMailSink = async (port: number, directory: string): Promise<{ close(cb: () => void): void }> => {
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  mkdirSync(directory, { recursive: true });
  const keep = async (to: string, raw: string, id: string): Promise<void> => {
    const file = await writeEmlFile(directory, id, raw);
    const mail = await simpleParser(raw).catch(() => undefined);
    const links = [...new Set(mail?.text?.match(/https?:\/\/\S+/g) ?? [])];
    process.stdout.write(`Mail to ${to}: ${mail?.subject ?? ''}\n${links.map((l) => `  ${l}\n`).join('')}  saved as ${file}\n`);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        void keep(to, raw, session.id).then(() => callback(), (error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.server.address() as { port: number }).port;
  process.stdout.write(`Development SMTP server on smtp://127.0.0.1:${bound}; mails are kept in ${directory}\n`);
  return server;
};
