import { lastUserText } from '../tokens/message-text';
import { simulatorTokenCount } from '../tokens/simulator-token-count';
import type { ChatRequestView } from './chat-request-view';
import type { FinishKind } from './simulated-answer';

export interface EchoText {
  readonly text: string;
  readonly finishKind: FinishKind;
  readonly stopSequence: string | null;
}

function firstStop(
  text: string,
  sequences: readonly string[],
): { index: number; sequence: string } | undefined {
  let found: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (sequence === '') continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && (found === undefined || index < found.index)) found = { index, sequence };
  }
  return found;
}

/**
 * The default answer: the last user message's text, cut before the first stop sequence it contains
 * (finish `stop_sequence`), then cut to `maxTokens` tokens (finish `length`).
 */
export function echoAnswerText(view: ChatRequestView): EchoText {
  let text = lastUserText(view.messages);
  let finishKind: FinishKind = 'stop';
  let stopSequence: string | null = null;
  const stop = firstStop(text, view.stopSequences);
  if (stop !== undefined) {
    text = text.slice(0, stop.index);
    finishKind = 'stop_sequence';
    stopSequence = stop.sequence;
  }
  if (view.maxTokens !== undefined && simulatorTokenCount(text) > view.maxTokens) {
    text = Array.from(text)
      .slice(0, Math.max(0, view.maxTokens) * 4)
      .join('');
    finishKind = 'length';
    stopSequence = null;
  }
  return { text, finishKind, stopSequence };
}
