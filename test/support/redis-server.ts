import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';

/** A free TCP port on 127.0.0.1 (the OS picks it; released before returning). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Sends PING over a plain socket; resolves true on +PONG. */
const ping = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });

/**
 * A throw-away redis-server child process of this test (no persistence), which a test can kill and start again on
 * the same port to simulate an outage. Needs `redis-server` on PATH.
 */
export class RedisServer {
  private child?: ChildProcess;
  private output = '';
  private spawnFailed = false;

  private constructor(readonly port: number) {}

  /** Spawns redis-server on a spare port and waits until it answers PING. */
  static async spawn(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && !this.spawnFailed && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server (again) on its port; waits until it answers PING. */
  async start(timeoutMs = 10_000): Promise<void> {
    if (this.running) return;
    this.output = '';
    this.spawnFailed = false;
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    const record = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    let spawnFailure: Error | undefined;
    child.once('error', (error) => {
      spawnFailure = error;
      this.spawnFailed = true;
    });

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (spawnFailure) throw new Error(`Cannot run redis-server: ${spawnFailure.message}`);
      if (!this.running) throw new Error(`redis-server on port ${this.port} exited at start:\n${this.output}`);
      if (await ping(this.port)) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`redis-server on port ${this.port} did not answer within ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills the process (SIGKILL: a crash, not a clean shutdown) and waits until it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    // The port is free again once nothing answers on it.
    while (await ping(this.port)) await new Promise((r) => setTimeout(r, 50));
  }
}
