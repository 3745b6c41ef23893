/**
 * Runs a benchmark's `main` and ends the process when it is done: 0 after it finished, 1 with the error printed after
 * it failed. Exiting at once keeps connections or timers that a library left open from holding the process.
 */
export const runBenchmark = (main: () => Promise<void>): void => {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
