import autocannon from 'autocannon';

export interface LoadResult { rps: number; p50: number; p99: number; non2xx: number; errors: number }

/** Runs autocannon for `seconds` against `url` with the given requests (cycled per connection). */
export const load = async (url: string, connections: number, seconds: number, requests: autocannon.Request[], headers: Record<string, string> = {}): Promise<LoadResult> => {
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
