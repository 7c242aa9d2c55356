import { describe, expect, it } from 'vitest';
import { mergeAnthropicStreamUsage } from './anthropic-stream-parser';

describe('mergeAnthropicStreamUsage', () => {
  it('replaces counts the message_delta sends', () => {
    const merged = mergeAnthropicStreamUsage(
      { input_tokens: 43, output_tokens: 1 },
      { input_tokens: 61, output_tokens: 2 },
    );
    expect(merged).toEqual({ input_tokens: 61, output_tokens: 2 });
  });

  it('keeps counts the message_delta leaves out', () => {
    const merged = mergeAnthropicStreamUsage(
      { input_tokens: 11, cache_read_input_tokens: 7, output_tokens: 1 },
      { output_tokens: 6 },
    );
    expect(merged).toEqual({ input_tokens: 11, cache_read_input_tokens: 7, output_tokens: 6 });
  });

  it('does not let a null count erase a known one', () => {
    const merged = mergeAnthropicStreamUsage(
      { input_tokens: 11, output_tokens: 1 },
      { input_tokens: null, output_tokens: 9 },
    );
    expect(merged).toEqual({ input_tokens: 11, output_tokens: 9 });
  });

  it('starts from the delta when nothing came before', () => {
    expect(mergeAnthropicStreamUsage(undefined, { output_tokens: 3 })).toEqual({
      output_tokens: 3,
    });
  });

  it('returns the previous usage when the delta has none', () => {
    const previous = { input_tokens: 1, output_tokens: 1 };
    expect(mergeAnthropicStreamUsage(previous, undefined)).toBe(previous);
  });
});
