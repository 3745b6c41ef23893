import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

/**
 * Work started after the answer is decided, so that its duration does not show in the response time (for requests
 * whose answer must not reveal whether an account exists). Failures are logged; shutdown waits for the work.
 */
@Injectable()
export class AfterResponse implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AfterResponse.name);
  private readonly pending = new Set<Promise<void>>();

  run(what: string, work: () => Promise<unknown>): void {
    const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`${what} failed: ${(error as Error)?.stack ?? String(error)}`),
      )
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Resolves when all work started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }
}
