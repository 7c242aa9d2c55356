import {
  estimateUsage,
  type GeneratedOutput,
  type LLMRequest,
  type Logger,
  type TokenUsage,
} from '@llm/core';

/** The usage object of a Chat Completions or embeddings response, plus fields compatible servers add. */
export interface OpenAIWireUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  /** DeepSeek reports its cache hits here instead of in prompt_tokens_details. */
  prompt_cache_hit_tokens?: number | null;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;

/**
 * OpenAI usage in core's convention, which is OpenAI's own: prompt_tokens already includes
 * cached_tokens and completion_tokens already includes reasoning_tokens, so nothing is added up.
 * A detail the server did not send stays undefined. Returns undefined when the object lacks the
 * prompt or completion count (the caller then estimates).
 */
export function normalizeOpenAIUsage(raw: unknown): TokenUsage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const usage = raw as OpenAIWireUsage;
  const prompt = count(usage.prompt_tokens);
  const total = count(usage.total_tokens);
  // Embeddings report no completion count: what the total holds beyond the prompt (0) is exact.
  const completion =
    count(usage.completion_tokens) ??
    (prompt !== undefined && total !== undefined ? Math.max(0, total - prompt) : undefined);
  if (prompt === undefined || completion === undefined) return undefined;
  const cached =
    count(usage.prompt_tokens_details?.cached_tokens) ?? count(usage.prompt_cache_hit_tokens);
  const reasoning = count(usage.completion_tokens_details?.reasoning_tokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: total ?? prompt + completion,
    ...(cached === undefined ? {} : { cached_tokens: cached }),
    ...(reasoning === undefined ? {} : { reasoning_tokens: reasoning }),
  };
}

export interface ResolveUsageOptions {
  request: Pick<LLMRequest, 'messages' | 'tools'>;
  /** The model name estimates use (tiktoken for OpenAI families). */
  estimationModel: string;
  output: GeneratedOutput;
  /** Told when the server sent no usable usage (skipped for servers known to omit it). */
  logger?: Logger;
  providerName?: string;
}

/** The reported usage, normalized; or, when the server sent none, an estimate flagged `estimated`. */
export function resolveUsage(rawUsage: unknown, options: ResolveUsageOptions): TokenUsage {
  const reported = normalizeOpenAIUsage(rawUsage);
  if (reported) return reported;
  options.logger?.warn('The server reported no token usage; using an estimate', {
    provider: options.providerName,
    model: options.estimationModel,
  });
  return estimateUsage(options.request, options.output, options.estimationModel);
}
