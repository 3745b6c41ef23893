/**
 * Runs one autocannon load in its own process (forked by `load`), so that the HTTP client does not share the event
 * loop of the server it measures: options arrive as the first IPC message, the result leaves as one.
 */
import autocannon from 'autocannon';

process.once('message', async (options: autocannon.Options) => {
  try {
    const result = await autocannon(options);
    process.send!({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors });
  } catch (error) {
    process.send!({ error: (error as Error)?.stack ?? String(error) });
  }
  process.disconnect();
});
