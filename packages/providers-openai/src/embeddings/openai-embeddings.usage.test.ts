import { estimateTextTokens } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { sumEmbeddingUsage } from './openai-embeddings';

describe('sumEmbeddingUsage', () => {
  it('adds up the usage of every batch', () => {
    const usage = sumEmbeddingUsage(
      [
        { prompt_tokens: 12, total_tokens: 12 },
        { prompt_tokens: 5, total_tokens: 5 },
      ],
      ['a', 'b', 'c'],
      'text-embedding-3-small',
    );
    expect(usage).toEqual({ prompt_tokens: 17, completion_tokens: 0, total_tokens: 17 });
  });

  it('estimates the whole call, flagged, when a batch reported no usage', () => {
    const inputs = ['first input', 'second input'];
    const usage = sumEmbeddingUsage(
      [{ prompt_tokens: 3, total_tokens: 3 }, undefined],
      inputs,
      'text-embedding-3-small',
    );
    const expected = inputs.reduce(
      (sum, input) => sum + estimateTextTokens(input, 'text-embedding-3-small').tokens,
      0,
    );
    expect(usage).toEqual({
      prompt_tokens: expected,
      completion_tokens: 0,
      total_tokens: expected,
      estimated: true,
    });
  });
});
