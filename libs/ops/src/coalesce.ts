/**
 * `work` shared by every caller while one run is in flight: a flood of probes or scrapes, or a database or Redis that
 * hangs, costs one check at a time instead of one per request piling up.
 */
export const coalesce = <T>(work: () => Promise<T>): (() => Promise<T>) => {
  let running: Promise<T> | undefined;
  return () => {
    running ??= work().finally(() => (running = undefined));
    return running;
  };
};
