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
export type {
  AttemptEndEvent,
  AttemptStartEvent,
  BreakerStateEvent,
  CacheEvent,
  CallEndEvent,
  CallStartEvent,
  FallbackEvent,
  RateLimitedEvent,
  RetryEvent,
  TelemetryEventSource,
} from './manager-event-shapes';
