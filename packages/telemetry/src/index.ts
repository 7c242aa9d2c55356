export { subscribeLogs, type LogSubscriberOptions, type StructuredLogger } from './structured-logs';
export {
  createDefaultLogger,
  isLogLevel,
  LOG_LEVELS,
  REDACTED_LOG_PATHS,
  type DefaultLoggerOptions,
  type LogLevel,
} from './default-logger';
export {
  CIRCUIT_STATE_VALUES,
  createPrometheusMetrics,
  metricsHandler,
  type PrometheusMetrics,
  type PrometheusMetricsOptions,
} from './prometheus-metrics';
export {
  GEN_AI_DURATION_BUCKETS,
  GEN_AI_TOKEN_BUCKETS,
  instrumentOpenTelemetry,
  type OpenTelemetryOptions,
} from './open-telemetry';
export type { TelemetryEventSource } from './event-source';
export type {
  BreakerStateEvent,
  FallbackEvent,
  RateLimitedEvent,
  RetryEvent,
} from './pipeline-event-shapes';
