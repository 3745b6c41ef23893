import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export interface SmtpCount {
  count: number;
  distinct: number;
  duplicates: number;
}

/** The counting SMTP server (`smtp-counter`) in its own process. */
export class SmtpCounter {
  private next = 0;
  private readonly pending = new Map<number, (answer: Record<string, unknown>) => void>();

  private constructor(private readonly child: ChildProcess, readonly port: number) {
    child.on('message', (m: { id?: number }) => {
      if (m.id === undefined) return;
      this.pending.get(m.id)?.(m as Record<string, unknown>);
      this.pending.delete(m.id);
    });
  }

  static async start(): Promise<SmtpCounter> {
    const child = fork(join(__dirname, 'smtp-counter.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`SMTP counter exited (${code})`)));
    });
    return new SmtpCounter(child, port);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  private ask<T>(question: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, (answer) => resolve(answer as T));
      this.child.send({ id, ...question });
    });
  }

  count(): Promise<SmtpCount> {
    return this.ask<SmtpCount>({ ask: 'count' });
  }

  /** The last link token mailed to `to`, or null. */
  async token(to: string): Promise<string | null> {
    return (await this.ask<{ token: string | null }>({ ask: 'token', to })).token;
  }

  /** Resolves once at least `total` mails arrived (polling every 20 ms). */
  async waitFor(total: number, timeoutMs = 300_000): Promise<SmtpCount> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await this.count();
      if (c.count >= total) return c;
      if (Date.now() > deadline) throw new Error(`only ${c.count} of ${total} mails arrived within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  stop(): void {
    this.child.kill();
  }
}
