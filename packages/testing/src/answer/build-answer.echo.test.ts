import { describe, expect, it } from 'vitest';
import type { ChatRequestView } from './simulated-answer';
import { echoAnswerText } from './build-answer';

function view(overrides: Partial<ChatRequestView>): ChatRequestView {
  return {
    model: 'm',
    messages: [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'x' },
      { role: 'user', content: 'the last question' },
    ],
    stopSequences: [],
    maxTokens: undefined,
    stream: false,
    includeUsage: false,
    ...overrides,
  };
}

describe('echoAnswerText', () => {
  it('echoes the text of the last user message', () => {
    expect(echoAnswerText(view({}))).toEqual({
      text: 'the last question',
      finishKind: 'stop',
      stopSequence: null,
    });
  });

  it('stops before the earliest stop sequence found', () => {
    expect(echoAnswerText(view({ stopSequences: ['question', ' last'] }))).toEqual({
      text: 'the',
      finishKind: 'stop_sequence',
      stopSequence: ' last',
    });
  });

  it('cuts to max tokens (4 characters each) and finishes with length', () => {
    expect(echoAnswerText(view({ maxTokens: 2 }))).toEqual({
      text: 'the last',
      finishKind: 'length',
      stopSequence: null,
    });
  });

  it('keeps a text that fits within max tokens whole', () => {
    expect(echoAnswerText(view({ maxTokens: 5 })).finishKind).toBe('stop');
  });

  it('echoes an empty text when no message is from the user', () => {
    expect(echoAnswerText(view({ messages: [{ role: 'system', content: 'sys' }] })).text).toBe('');
  });
});
