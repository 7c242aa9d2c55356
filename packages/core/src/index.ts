// The public surface of @llm/core: named exports only, grouped by concept.

// Errors: one LLMError class, its type enum, identity and classification helpers
export {
  LLMErrorType,
  LLM_ERROR_TYPES,
  isLLMErrorType,
  isTransientErrorType,
} from './errors/llm-error-type';
export { hasErrorIdentity, markErrorIdentity } from './errors/error-identity';
export { LLMError } from './errors/llm-error';
export type { LLMErrorAttempt, LLMErrorOptions } from './errors/llm-error';
export {
  abortedByCallerError,
  isAbortError,
  isAbortedLLMError,
  toLLMError,
} from './errors/to-llm-error';
export { errorTypeForStatus, isContextLengthError } from './errors/error-type-for-status';

// Schemas (zod, the source of truth) and the types inferred from them
export { LLMContentSchema, LLMImageContentSchema, LLMTextContentSchema } from './schemas/content';
export type { LLMContent, LLMImageContent, LLMTextContent } from './schemas/content';
export {
  JsonSchemaSchema,
  LLMToolCallSchema,
  LLMToolChoiceSchema,
  LLMToolSchema,
} from './schemas/tool';
export type { JsonSchema, LLMTool, LLMToolCall, LLMToolChoice } from './schemas/tool';
export {
  LLMRedactedThinkingBlockSchema,
  LLMThinkingBlockSchema,
  LLMThinkingContentBlockSchema,
} from './schemas/thinking-block';
export type { LLMThinkingBlock } from './schemas/thinking-block';
export { LLMMessageSchema, LLMRoleSchema } from './schemas/message';
export type { LLMMessage, LLMRole } from './schemas/message';
export { LLMRequestSchema, ResponseFormatSchema, UsageTagsSchema } from './schemas/request';
export type { CallOptions, LLMRequest, ResponseFormat, UsageTags } from './schemas/request';
export { CostBreakdownSchema, TokenUsageSchema, emptyUsage } from './schemas/token-usage';
export type { CostBreakdown, TokenUsage } from './schemas/token-usage';
export {
  CallAttemptSchema,
  FinishReasonSchema,
  LLMResponseSchema,
  ResponseMetadataSchema,
} from './schemas/response';
export type {
  CallAttempt,
  FinishReason,
  LLMResponse,
  LLMToolResponse,
  ResponseMetadata,
} from './schemas/response';
export {
  FinishChunkSchema,
  LLMStreamChunkSchema,
  ReasoningDeltaChunkSchema,
  RestartChunkSchema,
  TextDeltaChunkSchema,
  ToolCallChunkSchema,
  ToolCallDeltaChunkSchema,
} from './schemas/stream-chunk';
export type {
  FinishChunk,
  LLMStreamChunk,
  ReasoningDeltaChunk,
  RestartChunk,
  TextDeltaChunk,
  ToolCallChunk,
  ToolCallDeltaChunk,
} from './schemas/stream-chunk';
export {
  TimeRangeSchema,
  UsageFilterSchema,
  UsageGroupBySchema,
  UsageRecordSchema,
  UsageSummarySchema,
} from './schemas/usage-record';
export type {
  TimeRange,
  UsageFilter,
  UsageGroupBy,
  UsageRecord,
  UsageSummary,
} from './schemas/usage-record';
export { ModelPricingSchema, PricingTierSchema } from './schemas/model-pricing';
export type { ModelPricing, ModelPricingInput, PricingTier } from './schemas/model-pricing';
export {
  BackoffSchema,
  CircuitBreakerConfigSchema,
  RateLimitConfigSchema,
  RetryConfigSchema,
  RetryPolicyOverrideSchema,
  TimeoutConfigSchema,
} from './schemas/resilience-config';
export type {
  CircuitBreakerConfig,
  RateLimitConfig,
  RetryConfig,
  TimeoutConfig,
} from './schemas/resilience-config';
export {
  LLMModelConfigSchema,
  LLMProviderConfigSchema,
  SECRET_CONFIG_KEYS,
} from './schemas/provider-config';
export type {
  LLMModelConfig,
  LLMProviderConfig,
  LLMProviderConfigInput,
} from './schemas/provider-config';
export { EmbeddingRequestSchema, EmbeddingResponseSchema } from './schemas/embedding';
export type { EmbeddingRequest, EmbeddingResponse } from './schemas/embedding';
export {
  HealthStatusSchema,
  ModelInfoSchema,
  ProviderHealthSchema,
  DeploymentHealthReportSchema,
  ProviderInfoSchema,
  ValidationIssueSchema,
  ValidationResultSchema,
} from './schemas/status';
export type {
  HealthStatus,
  ModelInfo,
  ProviderHealth,
  DeploymentHealthReport,
  ProviderInfo,
  ValidationIssue,
  ValidationResult,
} from './schemas/status';
export {
  BudgetConfigSchema,
  CurrencySettingsSchema,
  UsageSettingsSchema,
} from './schemas/usage-config';
export type { BudgetConfig, CurrencySettings, UsageSettings } from './schemas/usage-config';

// Conversations
export { assistantMessageFrom } from './conversation/assistant-message-from';

// The provider interface, the registry, and what providers share
export { HEALTH_CHECK_TIMEOUT_MS } from './provider/llm-provider';
export {
  createKeepAliveTransport,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  transportFetchKind,
  type KeepAliveTransportOptions,
  type ProviderTransport,
  type TransportFetchKind,
} from './transport/keep-alive-transport';
export { withoutRequestClone } from './transport/uncloned-fetch';
export {
  SSE_DRAIN_TIMEOUT_MS,
  ServerSentEventReader,
  type ServerSentEvent,
  type ServerSentEventReaderOptions,
} from './transport/server-sent-events';
export type { ILLMProvider } from './provider/llm-provider';
export {
  createProviderSdkLoader,
  type ProviderSdkLoader,
  type ProviderSdkLoaderOptions,
} from './provider/provider-sdk-loader';
export {
  assertSdkInstalled,
  notInstalledError,
  preloadFetchGlobals,
  type PackageResolver,
  type ProviderInitializeOptions,
} from './provider/provider-sdk-package';
export {
  ProviderRegistry,
  defaultProviderRegistry,
  registerProvider,
} from './provider/provider-registry';
export type {
  ProviderContext,
  ProviderFactory,
  RegisterOptions,
} from './provider/provider-registry';
export {
  BUILTIN_PROVIDER_PACKAGES,
  BUILTIN_PROVIDER_TYPES,
} from './provider/builtin-provider-types';
export type { IUsageTracker } from './provider/usage-tracker';
export type { ILLMConfigManager } from './provider/config-manager';
export {
  CONTEXT_WINDOW_EXCEEDED,
  checkRequestForModel,
  type ModelDefaults,
  MODEL_NOT_CONFIGURED,
  findModelConfig,
  validateRequestAgainstConfig,
} from './provider/validate-request';
export { validationError } from './provider/validation-error';
export {
  STREAM_EVENT_EXCERPT_LIMIT,
  reportSkippedStreamEvent,
} from './provider/stream-event-skipped';
export type { StreamEventSkippedInfo } from './provider/stream-event-skipped';

// Token estimation
export { encodingForModel } from './token-estimation/encoding-for-model';
export type { TiktokenEncodingName } from './token-estimation/encoding-for-model';
export { isTiktokenLoaded, loadTiktoken } from './token-estimation/load-tiktoken';
export { approximateTokens } from './token-estimation/approximate-tokens';
export { estimateTextTokens } from './token-estimation/estimate-text-tokens';
export type { TokenEstimate } from './token-estimation/estimate-text-tokens';
export { estimateMessageTokens } from './token-estimation/estimate-message-tokens';
export type { MessageTokenEstimate } from './token-estimation/estimate-message-tokens';
export { estimateUsage } from './token-estimation/estimate-usage';
export type { GeneratedOutput } from './token-estimation/estimate-usage';

// The manager's call-lifecycle events (payload shapes, types only)
export type {
  AttemptEndEvent,
  AttemptStartEvent,
  CacheLookupEvent,
  CallCost,
  CallEndEvent,
  CallEventContext,
  CallOperation,
  CallStartEvent,
} from './events/call-events';
// The one event style: `on` returns an unsubscribe function; a throwing listener is skipped
export { TypedEventEmitter, type Listener } from './events/typed-event-emitter';

// Clock, logger, secrets, headers, images
export { createManualClock, systemClock } from './util/clock';
export type { Clock, ManualClock, TimerHandle, TimerOptions } from './util/clock';
export { silentLogger } from './util/logger';
export type { LogFields, Logger } from './util/logger';
export { parseRetryAfter, readHeader, readRequestId } from './util/retry-after';
export { isSecretKey, redactSecrets, redactText } from './util/redact-secrets';
export {
  createSecretScanner,
  secretsOfConfig,
  secretsOfProvider,
  truncateUtf8,
} from './util/secret-scanner';
export type { SecretScanner } from './util/secret-scanner';
export { BODY_EXCERPT_LIMIT, bodyExcerpt } from './util/body-excerpt';
export { closestMatch, closestMatches, editDistance } from './util/closest-match';
export { omitKeys } from './util/omit-keys';
export { relayAbort } from './util/abort-relay';
export type { AbortRelay } from './util/abort-relay';
export { detectImageMediaType, imageFileToDataUri } from './util/image-file-to-data-uri';
export type { ImageMediaType } from './util/image-file-to-data-uri';
