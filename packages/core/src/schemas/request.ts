import type { StreamEventSkippedInfo } from '../provider/stream-event-skipped';
import * as z from './zod-subset';
import { LLMMessageSchema } from './message';
import { LLMToolChoiceSchema, LLMToolSchema, JsonSchemaSchema } from './tool';

export const ResponseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string(),
      description: z.string().optional(),
      schema: JsonSchemaSchema,
      strict: z.boolean().optional(),
    }),
  }),
]);
export type ResponseFormat = z.output<typeof ResponseFormatSchema>;

/** Attribution labels recorded with the call's usage (user, session, feature, any key). */
export const UsageTagsSchema = z.record(z.string(), z.string());
export type UsageTags = z.output<typeof UsageTagsSchema>;

/** A chat request (LLMRequest of the public API); field names follow the OpenAI wire format. */
export const LLMRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(LLMMessageSchema).min(1, 'messages must hold at least one message'),
  /** Which configured provider to call; the default provider when absent. */
  provider: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().positive().optional(),
  stream: z.boolean().optional(),
  tools: z.array(LLMToolSchema).optional(),
  tool_choice: LLMToolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  stop: z.array(z.string()).optional(),
  response_format: ResponseFormatSchema.optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  seed: z.number().int().optional(),
  /** End-user id passed to the provider (OpenAI `user`, Anthropic `metadata.user_id`). */
  user: z.string().optional(),
  tags: UsageTagsSchema.optional(),
  /** Provider-specific body fields merged into the request as given (escape hatch). */
  extra_body: z.record(z.string(), z.unknown()).optional(),
});
export type LLMRequest = z.output<typeof LLMRequestSchema>;

/** Per-call options that are not part of the request body. */
export interface CallOptions {
  /** Aborting cancels the HTTP request (and any retry wait). */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms; defaults to the provider's configured `timeout`. */
  timeoutMs?: number;
  /** Extra HTTP headers for this call. */
  headers?: Record<string, string>;
  /**
   * The API key of this attempt, one of the provider's `api_keys` (the router picks it); absent: the
   * provider's own key. Never logged or put in an error.
   */
  apiKey?: string;
  /**
   * Streams: called for each event that could not be parsed and was skipped. Called synchronously
   * while the stream is read; what it throws is ignored.
   */
  onStreamEventSkipped?(info: StreamEventSkippedInfo): void;
  /**
   * The request was already checked against this provider's config
   * (`validateRequestAgainstConfig(request, provider.config)`, as the manager does before any
   * dispatch), so the provider skips that check; what only the provider knows (its wire format's
   * limits) is still checked. Set it only for a request checked so.
   */
  requestChecked?: boolean;
  /**
   * `signal` belongs to this call alone and is dropped when the call ends (the manager hands each
   * call a signal of its own), so the provider gives it to the SDK as it is. For a stream it
   * also promises that the signal is never aborted once the stream is complete (the manager's
   * pipeline stops relaying the call's aborts to it at the stream's last chunk), so an abort
   * cannot cut the connection draining the stream's last bytes. Absent, the provider gives the
   * SDK a relay of it, unlinked when the call or the stream ends: the SDK never removes the abort
   * listener it adds, and a caller's long-lived signal would collect one per call.
   */
  signalEndsWithCall?: boolean;
}
