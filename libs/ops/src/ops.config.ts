/** Settings of health checks and metrics. */
export class OpsConfig {
  /** Readiness fails when the oldest message not yet delivered is older than this (mail is stuck); 0: never. */
  maxOutboxLagSeconds = 900;
  /** How long each readiness check may take before it counts as down. */
  checkTimeoutMs = 1_500;

  static from(overrides: Partial<OpsConfig> = {}): OpsConfig {
    return Object.assign(new OpsConfig(), overrides);
  }
}
