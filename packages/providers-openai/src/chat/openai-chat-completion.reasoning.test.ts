import { describe, expect, it } from 'vitest';
import { readReasoningText } from './openai-chat-completion';

describe('readReasoningText', () => {
  it('reads DeepSeek and Qwen reasoning_content', () => {
    expect(
      readReasoningText({ role: 'assistant', content: null, reasoning_content: 'First, …' }),
    ).toBe('First, …');
  });

  it('reads the reasoning field other compatible servers use', () => {
    expect(readReasoningText({ reasoning: 'Thinking' })).toBe('Thinking');
  });

  it('prefers reasoning_content when both are present', () => {
    expect(readReasoningText({ reasoning_content: 'a', reasoning: 'b' })).toBe('a');
  });

  it.each([{ content: 'plain' }, { reasoning_content: null }, null, 'text'])(
    'returns undefined for %j',
    (value) => {
      expect(readReasoningText(value)).toBeUndefined();
    },
  );
});
