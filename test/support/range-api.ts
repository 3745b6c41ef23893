import { createHash } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A local stand-in for a k-anonymity range API, recording the paths it was asked for. */
export const startRangeApi = async (breached: string[], delayMs = 0, status = 200) => {
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const prefix = (req.url ?? '').split('/').pop()!;
    const lines = breached
      .map((p) => createHash('sha1').update(p).digest('hex').toUpperCase())
      .filter((h) => h.startsWith(prefix))
      .map((h) => `${h.slice(5)}:42`);
    setTimeout(() => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end([...lines, '0000000000000000000000000000000000A:0'].join('\r\n'));
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/range/`;
  return { url, paths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

