export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout error. */
  what?: string;
}

/**
 * Polls `probe` until it returns a truthy value and resolves with it; rejects after `timeoutMs` with the last value
 * (or error) seen, so a failing test says what it was waiting for.
 */
export const waitFor = async <T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, intervalMs = 100, what = 'condition' }: WaitOptions = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last seen: ${seen})`);
    }
    await sleep(intervalMs);
  }
};

/**
 * Checks that `probe` holds on every poll for `durationMs` (for "stays pending"-style assertions); rejects at the
 * first poll where it does not.
 */
export const holdsFor = async (
  probe: () => boolean | Promise<boolean>,
  { durationMs, intervalMs = 100, what = 'condition' }: { durationMs: number; intervalMs?: number; what?: string },
): Promise<void> => {
  const deadline = Date.now() + durationMs;
  for (;;) {
    if (!(await probe())) throw new Error(`Expected ${what} to hold for ${durationMs} ms, but it stopped holding`);
    if (Date.now() >= deadline) return;
    await sleep(intervalMs);
  }
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
