import type { FinishKind, SimulatedAnswer } from '../answer/simulated-answer';

const FROM_KIND: Record<FinishKind, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  stop_sequence: 'stop_sequence',
};

// A script written with OpenAI's words still reads right on an Anthropic wire.
const FROM_OPENAI: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
};

/** `stop_reason` and `stop_sequence` as the Messages API reports them. */
export function anthropicStopReason(answer: SimulatedAnswer): {
  stop_reason: string;
  stop_sequence: string | null;
} {
  const scripted = answer.scriptedFinishReason;
  if (scripted !== undefined)
    return { stop_reason: FROM_OPENAI[scripted] ?? scripted, stop_sequence: null };
  return { stop_reason: FROM_KIND[answer.finishKind], stop_sequence: answer.stopSequence };
}
