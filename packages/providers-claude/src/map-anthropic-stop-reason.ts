import type { FinishReason } from '@llm/core';

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
