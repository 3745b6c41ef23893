import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** A further worker process of the mail benchmark (`mail-worker`). */
export class MailWorkerProcess {
  private next = 0;
  private readonly pending = new Map<number, (answer: { cpu: NodeJS.CpuUsage }) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id?: number; cpu?: NodeJS.CpuUsage }) => {
      if (m.id === undefined) return;
      this.pending.get(m.id)?.(m as { cpu: NodeJS.CpuUsage });
      this.pending.delete(m.id);
    });
  }

  /** Starts one with the worker's environment (the values given to `loadEnv`); resolves once it takes jobs. */
  static async start(env: Record<string, string>): Promise<MailWorkerProcess> {
    const child = fork(join(__dirname, 'mail-worker.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, MAIL_BENCH_ENV: JSON.stringify(env) },
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`mail worker exited (${code})`)));
    });
    return new MailWorkerProcess(child);
  }

  /** Its CPU time so far, in ms. */
  cpuMs(): Promise<number> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, ({ cpu }) => resolve((cpu.user + cpu.system) / 1000));
      this.child.send({ id, ask: 'cpu' });
    });
  }

  /** Lets it close its queue workers and connections, and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}
