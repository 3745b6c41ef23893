export * from './ops.module';
export * from './ops.config';
export { PatronMetrics } from './metrics/patron-metrics';
export { matchedRoute, useHttpMetrics } from './metrics/http-metrics';
export { MetricsController } from './metrics/metrics.controller';
export { HealthController } from './health/health.controller';
export { ReadinessChecks } from './health/readiness';
export { pendingMigrations } from './health/pending-migrations';
