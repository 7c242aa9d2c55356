import { estimateTextTokens, estimateUsage, type LLMRequest, type TokenUsage } from '@llm/core';

/** Core's estimators use Claude's approximation (3.5 characters per token) for this model name. */
const CLAUDE_ESTIMATION_MODEL = 'claude';

/** Tokens in `text` by core's documented Claude approximation (the tokenizer is not public). */
export function estimateClaudeTokens(text: string): number {
  return estimateTextTokens(text, CLAUDE_ESTIMATION_MODEL).tokens;
}

/**
 * Usage estimated locally, flagged `estimated: true`: only for a server that reports none (the real
 * Anthropic API always does; some gateways and test servers do not).
 */
export function estimateClaudeUsage(request: LLMRequest, outputText: string): TokenUsage {
  return estimateUsage(request, { text: outputText }, CLAUDE_ESTIMATION_MODEL);
}
