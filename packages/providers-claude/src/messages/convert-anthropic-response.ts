import type { Anthropic } from '@anthropic-ai/sdk';
import {
  estimateTextTokens,
  estimateUsage,
  type FinishReason,
  type LLMRequest,
  type LLMResponse,
  type LLMThinkingBlock,
  type LLMToolCall,
  type TokenUsage,
} from '@llm/core';

// Stop reasons

/** Anthropic `stop_reason` → the finish reason every provider reports (OpenAI's vocabulary). */
const STOP_REASON_TABLE: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
  pause_turn: 'other',
};

/** Maps Anthropic's stop reason; an unknown or missing one is `other` (the raw value is kept in metadata). */
export function mapAnthropicStopReason(stopReason: string | null | undefined): FinishReason {
  if (!stopReason) return 'other';
  return STOP_REASON_TABLE[stopReason] ?? 'other';
}

// Usage

/**
 * The usage object as Anthropic sends it (non-streaming `usage`, `message_start.message.usage` or
 * `message_delta.usage`). Every count may be absent or null; other fields are kept as sent.
 */
export interface AnthropicRawUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** The cache writes split by lifetime. */
  cache_creation?: {
    ephemeral_5m_input_tokens?: number | null;
    ephemeral_1h_input_tokens?: number | null;
  } | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

function count(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Anthropic usage → core's TokenUsage convention: `prompt_tokens` is `input_tokens` plus the cache
 * writes and cache reads Anthropic reports apart; `cached_tokens` are the reads, `cache_write_tokens`
 * the writes (`cache_write_1h_tokens` those with a 1-hour lifetime), `reasoning_tokens` the thinking tokens (already part of `output_tokens`). A count the
 * server did not send stays undefined. Returns undefined when the server reported no counts at all.
 */
export function normalizeAnthropicUsage(
  raw: AnthropicRawUsage | null | undefined,
): TokenUsage | undefined {
  if (!raw) return undefined;
  const input = count(raw.input_tokens);
  const output = count(raw.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cacheWrite = count(raw.cache_creation_input_tokens);
  const cacheRead = count(raw.cache_read_input_tokens);
  const reasoning = count(raw.output_tokens_details?.thinking_tokens);
  const oneHourWrites = count(raw.cache_creation?.ephemeral_1h_input_tokens);
  const promptTokens = (input ?? 0) + (cacheWrite ?? 0) + (cacheRead ?? 0);
  const completionTokens = output ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    ...(cacheRead !== undefined && { cached_tokens: cacheRead }),
    ...(cacheWrite !== undefined && { cache_write_tokens: cacheWrite }),
    // Only a non-zero split matters for billing; Anthropic sends the 0/0 split on every response.
    ...(oneHourWrites !== undefined &&
      oneHourWrites > 0 && { cache_write_1h_tokens: oneHourWrites }),
    ...(reasoning !== undefined && { reasoning_tokens: reasoning }),
  };
}

/** Core's estimators use Claude's approximation (3.5 characters per token) for this model name. */
const CLAUDE_ESTIMATION_MODEL = 'claude';

/** Tokens in `text` by core's documented Claude approximation (the tokenizer is not public). */
export function estimateClaudeTokens(text: string): number {
  return estimateTextTokens(text, CLAUDE_ESTIMATION_MODEL).tokens;
}

/**
 * Usage estimated locally by core's one estimator, flagged `estimated: true`: for a server that
 * reports none (the real Anthropic API always does; some gateways and test servers do not).
 */
export function estimateClaudeUsage(
  request: Pick<LLMRequest, 'messages' | 'tools'>,
  outputText: string,
): TokenUsage {
  return estimateUsage(request, { text: outputText }, CLAUDE_ESTIMATION_MODEL);
}

// Facts kept in metadata.extra

/** Claude facts with no field of their own in LLMResponse, kept in `metadata.extra`. */
export interface AnthropicResponseFacts {
  /** Signatures of the thinking blocks, in order; needed to pass thinking back in a later turn. */
  thinkingSignatures: readonly string[];
  /** The opaque `data` of redacted thinking blocks. */
  redactedThinking: readonly string[];
  stopSequence?: string | null;
  /** Why a refusal happened (category, explanation), as sent. */
  stopDetails?: unknown;
}

/** The `metadata.extra` object for those facts, or undefined when there are none. */
export function anthropicResponseExtra(
  facts: AnthropicResponseFacts,
): Record<string, unknown> | undefined {
  const extra: Record<string, unknown> = {
    ...(facts.thinkingSignatures.length > 0 && {
      thinking_signatures: [...facts.thinkingSignatures],
    }),
    ...(facts.redactedThinking.length > 0 && { redacted_thinking: [...facts.redactedThinking] }),
    ...(facts.stopSequence != null && { stop_sequence: facts.stopSequence }),
    ...(facts.stopDetails != null && { stop_details: facts.stopDetails }),
  };
  return Object.keys(extra).length > 0 ? extra : undefined;
}

// The response

/** True for a body of the Messages API's shape; a proxy's page or some other JSON is not. */
export function isAnthropicMessage(value: unknown): value is Anthropic.Message {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { type, content } = value as { type?: unknown; content?: unknown };
  return type === 'message' || Array.isArray(content);
}

export interface AnthropicResponseContext {
  providerName: string;
  providerType: string;
  requestId?: string;
  /** Wall time of the call in ms. */
  responseTime: number;
  /** Used when the server reported no usage (never the case for the real API). */
  fallbackUsage: (outputText: string) => TokenUsage;
}

/**
 * A Claude Message → LLMResponse: text blocks joined as `content`, thinking blocks as `reasoning`
 * and, kept whole in order with redacted ones, as `thinking_blocks` (signatures also in `metadata.extra`), `tool_use` blocks as tool calls whose `arguments` is the
 * input as JSON text, the stop reason mapped, usage normalized and the raw usage kept.
 */
export function convertAnthropicResponse(
  message: Anthropic.Message,
  context: AnthropicResponseContext,
): LLMResponse {
  const text: string[] = [];
  const reasoning: string[] = [];
  const signatures: string[] = [];
  const redacted: string[] = [];
  const toolCalls: LLMToolCall[] = [];
  const thinkingBlocks: LLMThinkingBlock[] = [];
  for (const block of message.content ?? []) {
    if (block.type === 'text') text.push(block.text);
    else if (block.type === 'thinking') {
      reasoning.push(block.thinking);
      if (block.signature) signatures.push(block.signature);
      thinkingBlocks.push({
        type: 'thinking',
        thinking: block.thinking,
        signature: block.signature,
      });
    } else if (block.type === 'redacted_thinking') {
      redacted.push(block.data);
      thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
    } else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const content = text.length > 0 ? text.join('') : undefined;
  const extra = anthropicResponseExtra({
    thinkingSignatures: signatures,
    redactedThinking: redacted,
    stopSequence: message.stop_sequence,
    stopDetails: message.stop_details,
  });
  return {
    success: true,
    ...(content !== undefined && { content }),
    ...(reasoning.length > 0 && { reasoning: reasoning.join('') }),
    model: message.model,
    usage: normalizeAnthropicUsage(message.usage) ?? context.fallbackUsage(content ?? ''),
    finish_reason: mapAnthropicStopReason(message.stop_reason),
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
    ...(thinkingBlocks.length > 0 && { thinking_blocks: thinkingBlocks }),
    metadata: {
      provider_name: context.providerName,
      provider_type: context.providerType,
      ...(context.requestId && { request_id: context.requestId }),
      response_id: message.id,
      response_time: context.responseTime,
      ...(message.stop_reason && { raw_finish_reason: message.stop_reason }),
      ...(message.usage && { raw_usage: message.usage }),
      ...(extra && { extra }),
    },
  };
}
