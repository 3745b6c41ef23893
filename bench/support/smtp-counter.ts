/**
 * An SMTP server that accepts every mail and only counts it (by Message-ID), so that the sink is never what a
 * benchmark measures; it also keeps the last link token sent to each recipient (for load that confirms accounts).
 * Run as a child process (`fork`): it sends `{ port }` once listening and answers `{ id, ask: 'count' }` with
 * `{ id, count, distinct, duplicates }` and `{ id, ask: 'token', to }` with `{ id, token }`.
 */
import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';

const seen = new Map<string, number>();
const tokens = new Map<string, string>();
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData: (stream, session, callback) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const id = /^message-id:\s*(\S+)/im.exec(text)?.[1] ?? `none-${count}`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      count++;
      // Quoted-printable: soft line breaks and encoded '='.
      const token = /[?&]token=([A-Za-z0-9_.~%-]+)/.exec(text.replace(/=\r?\n/g, '').replace(/=3D/gi, '='))?.[1];
      const to = session.envelope.rcptTo[0]?.address.toLowerCase();
      if (token && to) tokens.set(to, decodeURIComponent(token));
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.server.address() as AddressInfo).port }));
process.on('message', (message: { id: number; ask: string; to?: string }) => {
  if (message.ask === 'count') {
    let duplicates = 0;
    for (const n of seen.values()) if (n > 1) duplicates += n - 1;
    process.send?.({ id: message.id, count, distinct: seen.size, duplicates });
  } else if (message.ask === 'token') {
    process.send?.({ id: message.id, token: tokens.get(message.to!.toLowerCase()) ?? null });
  }
});
process.on('disconnect', () => process.exit(0));
