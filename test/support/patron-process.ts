import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli';
import { sleep } from './wait-for';

export type PatronApp = 'all-in-one' | 'storefront-api' | 'backoffice-api' | 'worker';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/**
 * One Patron process as ops run it: `node bin/run.js <app>` from dist/ (built by the jest global setup), with its
 * own environment (nothing inherited but PATH and the like), its output kept for assertions.
 */
export class PatronProcess {
  private child?: ChildProcess;
  private exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout = '';
  stderr = '';

  constructor(readonly app: PatronApp, readonly env: Record<string, string>) {}

  /** Development defaults that keep the process off the developer's data (tests override what they need). */
  static env(overrides: Record<string, string>): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'patron-process-')),
      MIGRATE_ON_START: 'false',
      LOG_FORMAT: 'json',
      ...overrides,
    };
  }

  start(): this {
    const child = spawn(process.execPath, ['bin/run.js', this.app], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.child = child;
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process wrote, stdout then stderr. */
  get output(): string {
    return `${this.stdout}${this.stderr}`;
  }

  /** The JSON log lines of stdout, parsed (with LOG_FORMAT=json every line is one). */
  get logLines(): Record<string, unknown>[] {
    return this.stdout
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Waits until `GET http://127.0.0.1:<port>/health/live` answers 200. */
  async waitUntilLive(port: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.app} exited at start:\n${this.output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${this.app} did not answer on port ${port} within ${timeoutMs} ms:\n${this.output}`);
      await sleep(100);
    }
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Resolves when the process exited, with its exit code (or the signal that killed it). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exit) throw new Error('not started');
    return this.exit;
  }

  /** Kills the process if it still runs (test clean-up). */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited();
  }
}
