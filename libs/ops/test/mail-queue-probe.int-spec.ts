import { randomUUID } from 'node:crypto';
import { AddressInfo, createConnection, createServer, Server } from 'node:net';
import { MailQueueProbe } from '../src/mail-queue-probe';
import { TEST_REDIS_URL } from '../../../test/support/stack';

/** A TCP relay to the test Redis on a port of its own, so that "Redis" can be absent first and come up later. */
const relayTo = (target: URL, port: number): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((client) => {
      const upstream = createConnection(Number(target.port || 6379), target.hostname);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('MailQueueProbe (real Redis)', () => {
  it('reports Redis as reachable once it comes up, also when it was down at start', async () => {
    const port = await freePort();
    const probe = new MailQueueProbe({ connection: { host: '127.0.0.1', port }, prefix: `patron-test-probe-${randomUUID()}` });
    let relay: Server | undefined;
    try {
      await expect(probe.ping()).rejects.toThrow();
      relay = await relayTo(new URL(TEST_REDIS_URL), port);
      await expect(probe.ping()).resolves.toBeUndefined();
      expect(await probe.depth()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    } finally {
      await probe.onApplicationShutdown();
      await new Promise((resolve) => (relay ? relay.close(resolve) : resolve(undefined)));
    }
  });
});
