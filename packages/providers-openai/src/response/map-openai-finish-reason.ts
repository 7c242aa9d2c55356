import type { FinishReason } from '@llm/core';

const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  // The legacy function-calling API and some compatible servers still say function_call.
  function_call: 'tool_calls',
  content_filter: 'content_filter',
  // Compatible servers: DashScope/vLLM sometimes send these.
  eos: 'stop',
  end_turn: 'stop',
  max_tokens: 'length',
  insufficient_system_resource: 'error',
};

/** OpenAI's finish reason in core's vocabulary; anything unknown is `other` (the raw value is kept apart). */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  if (reason === null || reason === undefined) return 'other';
  return FINISH_REASONS[reason] ?? 'other';
}
