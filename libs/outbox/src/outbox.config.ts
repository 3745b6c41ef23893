/** Relay timing; the defaults suit one worker process polling a busy table. */
export class OutboxConfig {
  /** Pause between polls when the last batch was not full. */
  pollIntervalMs = 250;
  batchSize = 100;
  /** A row relayed this long ago and still not delivered is handed to the dispatcher again (lost queue data). */
  redispatchAfterMs = 5 * 60_000;
  sweepIntervalMs = 60_000;

  static from(overrides: Partial<OutboxConfig> = {}): OutboxConfig {
    return Object.assign(new OutboxConfig(), overrides);
  }
}
