import {
  estimateMessageTokens,
  estimateTextTokens,
  type LLMRequest,
  type TokenUsage,
} from '@llm/core';

/** Usage of a stream the consumer stopped before the provider reported any: estimated and flagged. */
export function estimatePartialUsage(request: LLMRequest, receivedText: string): TokenUsage {
  const prompt = estimateMessageTokens(request.messages, {
    model: request.model,
    tools: request.tools,
  }).tokens;
  const completion = estimateTextTokens(receivedText, request.model).tokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    estimated: true,
  };
}
