import type { FinishKind, SimulatedAnswer } from '../answer/simulated-answer';

const FROM_KIND: Record<FinishKind, string> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  stop_sequence: 'stop',
};

// A script written with Anthropic's words still reads right on an OpenAI wire.
const FROM_ANTHROPIC: Record<string, string> = {
  end_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  stop_sequence: 'stop',
};

/** The `finish_reason` an OpenAI-style API would send for this answer. */
export function openaiFinishReason(answer: SimulatedAnswer): string {
  const scripted = answer.scriptedFinishReason;
  if (scripted !== undefined) return FROM_ANTHROPIC[scripted] ?? scripted;
  return FROM_KIND[answer.finishKind];
}
