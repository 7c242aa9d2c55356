import * as z from './zod-subset';
import { LLMError } from '../errors/llm-error';
import { LLMThinkingBlockSchema } from './thinking-block';
import { LLMToolCallSchema } from './tool';
import { TokenUsageSchema } from './token-usage';

/**
 * Why generation stopped, in OpenAI's vocabulary for every provider:
 * `stop`, `length`, `tool_calls`, `content_filter`, or `error`; the provider's own reason is kept
 * in `metadata.raw_finish_reason`.
 */
export const FinishReasonSchema = z.enum([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'error',
  'other',
]);
export type FinishReason = z.output<typeof FinishReasonSchema>;

/** One attempt of a routed call: the deployment it went to, how it ended, how long it took. */
export const CallAttemptSchema = z.object({
  provider: z.string(),
  model: z.string(),
  /** `success`, or the error type that ended the attempt. */
  outcome: z.string(),
  duration_ms: z.number().nonnegative(),
  /** The HTTP status of a failed attempt, when it got one. */
  status: z.number().int().optional(),
});
export type CallAttempt = z.output<typeof CallAttemptSchema>;

export const ResponseMetadataSchema = z.object({
  provider_name: z.string(),
  provider_type: z.string().optional(),
  /** The provider's request id (`x-request-id` / `request-id` header), when sent. */
  request_id: z.string().optional(),
  /** The provider's id of the response object (`chatcmpl-…`, `msg_…`). */
  response_id: z.string().optional(),
  /** Wall time of the call in ms. */
  response_time: z.number().nonnegative(),
  created: z.number().optional(),
  raw_finish_reason: z.string().optional(),
  /** The usage object exactly as the provider sent it. */
  raw_usage: z.unknown().optional(),
  /**
   * Every provider request of the call, in order (retries on one deployment and failovers), the one
   * that answered last (set by the manager).
   */
  attempts: z.array(CallAttemptSchema).optional(),
  /** The manager's id of the call, shared by its ledger records (set by the manager). */
  call_id: z.string().optional(),
  /** How many provider requests the call took, retries on one deployment included (set by the manager). */
  attempt_count: z.number().int().positive().optional(),
  /** True when the manager's response cache answered (no provider request was made). */
  cache_hit: z.boolean().optional(),
  /** Anthropic thinking signatures, Azure filter results and other provider facts. */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type ResponseMetadata = z.output<typeof ResponseMetadataSchema>;

/** The answer to a chat request (LLMResponse of the public API). */
export const LLMResponseSchema = z.object({
  success: z.boolean(),
  content: z.string().optional(),
  /** Reasoning/thinking text, where the provider returns it. */
  reasoning: z.string().optional(),
  model: z.string(),
  usage: TokenUsageSchema,
  finish_reason: FinishReasonSchema.optional(),
  tool_calls: z.array(LLMToolCallSchema).optional(),
  /**
   * Anthropic extended thinking blocks (with signatures, redacted ones with their data), in order:
   * pass them back on the assistant turn (see `assistantMessageFrom`); other providers leave it unset.
   */
  thinking_blocks: z.array(LLMThinkingBlockSchema).optional(),
  error: z.custom<LLMError>((value) => LLMError.is(value)).optional(),
  metadata: ResponseMetadataSchema,
});
export type LLMResponse = z.output<typeof LLMResponseSchema>;

/** Seed 001's `callWithTools` result: a response whose tool calls are the point. */
export type LLMToolResponse = LLMResponse & {
  readonly tool_calls: NonNullable<LLMResponse['tool_calls']>;
};
