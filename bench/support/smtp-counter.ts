/**
 * An SMTP server that accepts every mail and only counts it (by Message-ID), so that the sink is never what a
 * benchmark measures. Run as a child process (`fork`): it sends `{ port }` once listening, and answers a
 * `'count'` message with `{ count, distinct, duplicates }`.
 */
import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';

const seen = new Map<string, number>();
let count = 0;

const messageIdOf = (head: string): string => /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? `none-${count}`;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData: (stream, _session, callback) => {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 4096) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const id = messageIdOf(head);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      count++;
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.server.address() as AddressInfo).port }));
process.on('message', (message) => {
  if (message === 'count') {
    let duplicates = 0;
    for (const n of seen.values()) if (n > 1) duplicates += n - 1;
    process.send?.({ count, distinct: seen.size, duplicates });
  }
  if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
