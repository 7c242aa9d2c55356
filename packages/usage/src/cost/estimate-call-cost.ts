import { estimateMessageTokens, type LLMRequest, type TokenUsage } from '@llm/core';
import type { CostCalculator, PricingTarget } from './cost-calculator';

/**
 * The usage and cost of a chat request before it is sent (for budgets and context-window checks):
 * prompt tokens from core's estimator (tiktoken for OpenAI models, the documented approximation
 * otherwise), completion tokens at the request's `max_tokens` (0 when it sets none). Always flagged
 * `estimated`.
 */
export function estimateCallCost(
  calculator: CostCalculator,
  request: Pick<LLMRequest, 'messages' | 'tools' | 'max_tokens'>,
  target: PricingTarget,
): TokenUsage {
  const prompt = estimateMessageTokens(request.messages, {
    model: target.model,
    tools: request.tools,
  });
  const completion = request.max_tokens ?? 0;
  const usage: TokenUsage = {
    prompt_tokens: prompt.tokens,
    completion_tokens: completion,
    total_tokens: prompt.tokens + completion,
    estimated: true,
  };
  return calculator.priceUsage(usage, target);
}
