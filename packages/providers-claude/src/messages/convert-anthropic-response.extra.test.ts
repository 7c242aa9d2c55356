import { describe, expect, it } from 'vitest';
import { anthropicResponseExtra } from './convert-anthropic-response';

describe('anthropicResponseExtra', () => {
  it('keeps thinking signatures, redacted thinking, the stop sequence and refusal details', () => {
    const details = { type: 'refusal', category: 'cyber' };
    expect(
      anthropicResponseExtra({
        thinkingSignatures: ['sig-1'],
        redactedThinking: ['opaque'],
        stopSequence: 'END',
        stopDetails: details,
      }),
    ).toEqual({
      thinking_signatures: ['sig-1'],
      redacted_thinking: ['opaque'],
      stop_sequence: 'END',
      stop_details: details,
    });
  });

  it('is undefined when there is nothing to keep', () => {
    expect(
      anthropicResponseExtra({
        thinkingSignatures: [],
        redactedThinking: [],
        stopSequence: null,
        stopDetails: null,
      }),
    ).toBeUndefined();
  });
});
