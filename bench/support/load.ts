import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface LoadResult { rps: number; p50: number; p99: number; non2xx: number; errors: number }

/**
 * Runs autocannon for `seconds` against `url` with the given requests (cycled per connection), in a child process:
 * a client in the measured process would take event-loop time from the server under test. Requests must be plain
 * data (see `loadInProcess`).
 */
export const load = (url: string, connections: number, seconds: number, requests: autocannon.Request[], headers: Record<string, string> = {}): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load-client.js'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (message: LoadResult | { error: string }) => {
      answered = true;
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    child.once('error', reject);
    child.once('exit', (code) => { if (!answered) reject(new Error(`load client exited with ${code}`)); });
    child.send({ url, connections, duration: seconds, requests, headers });
  });

/** Like `load`, in this process: for requests built by callbacks (`setupRequest`), which cannot be sent to a child. */
export const loadInProcess = async (url: string, connections: number, seconds: number, requests: autocannon.Request[], headers: Record<string, string> = {}): Promise<LoadResult> => {
  const result = await autocannon({ url, connections, duration: seconds, requests, headers });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
};

/** Runs `task` with `concurrency` loops for `seconds`; returns completions per second. */
export const rate = async (concurrency: number, seconds: number, task: () => Promise<unknown>): Promise<number> => {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) { await task(); done++; }
  }));
  return done / ((Date.now() - started) / 1000);
};
