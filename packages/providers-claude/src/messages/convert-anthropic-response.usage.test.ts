import { approximateTokens } from '@llm/core';
import { describe, expect, it } from 'vitest';
import {
  estimateClaudeTokens,
  estimateClaudeUsage,
  normalizeAnthropicUsage,
} from './convert-anthropic-response';

describe('normalizeAnthropicUsage', () => {
  it('counts cache reads and cache writes as prompt tokens and keeps them apart', () => {
    const usage = normalizeAnthropicUsage({
      input_tokens: 100,
      cache_creation_input_tokens: 2000,
      cache_read_input_tokens: 30000,
      output_tokens: 50,
    });
    expect(usage).toEqual({
      prompt_tokens: 32100,
      completion_tokens: 50,
      total_tokens: 32150,
      cached_tokens: 30000,
      cache_write_tokens: 2000,
    });
  });

  it('keeps the 1-hour share of the cache writes apart so it can be billed at its own price', () => {
    const usage = normalizeAnthropicUsage({
      input_tokens: 10,
      cache_creation_input_tokens: 3000,
      cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
      output_tokens: 5,
    });
    expect(usage).toMatchObject({
      prompt_tokens: 3010,
      cache_write_tokens: 3000,
      cache_write_1h_tokens: 2000,
    });
  });

  it('reports thinking tokens as reasoning tokens inside completion tokens', () => {
    const usage = normalizeAnthropicUsage({
      input_tokens: 51,
      output_tokens: 1699,
      output_tokens_details: { thinking_tokens: 139 },
    });
    expect(usage?.completion_tokens).toBe(1699);
    expect(usage?.reasoning_tokens).toBe(139);
  });

  it('leaves cache counts the server did not send undefined, not 0', () => {
    const usage = normalizeAnthropicUsage({ input_tokens: 11, output_tokens: 6 });
    expect(usage).toEqual({ prompt_tokens: 11, completion_tokens: 6, total_tokens: 17 });
    expect(usage).not.toHaveProperty('cached_tokens');
    expect(usage).not.toHaveProperty('cache_write_tokens');
    expect(usage).not.toHaveProperty('reasoning_tokens');
  });

  it('treats null counts as not reported', () => {
    const usage = normalizeAnthropicUsage({
      input_tokens: 5,
      output_tokens: 2,
      cache_read_input_tokens: null,
      cache_creation_input_tokens: null,
    });
    expect(usage).toEqual({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
  });

  it('keeps a reported zero cache count as zero', () => {
    const usage = normalizeAnthropicUsage({
      input_tokens: 12,
      output_tokens: 29,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
    expect(usage?.cached_tokens).toBe(0);
    expect(usage?.cache_write_tokens).toBe(0);
  });

  it('returns undefined when no counts were reported', () => {
    expect(normalizeAnthropicUsage(undefined)).toBeUndefined();
    expect(normalizeAnthropicUsage({ cache_read_input_tokens: null })).toBeUndefined();
  });
});

describe('estimateClaudeTokens', () => {
  it('uses the Claude approximation of 3.5 characters per token', () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    expect(estimateClaudeTokens(text)).toBe(approximateTokens(text, 3.5));
  });

  it('counts one token per CJK character', () => {
    expect(estimateClaudeTokens('你好世界')).toBe(4);
  });
});

describe('estimateClaudeUsage', () => {
  const request = {
    model: 'sonnet',
    messages: [{ role: 'user' as const, content: 'How many moons does Mars have?' }],
  };

  it('flags the usage as estimated', () => {
    expect(estimateClaudeUsage(request, 'Two.').estimated).toBe(true);
  });

  it('counts the output with the Claude approximation', () => {
    const output = 'Mars has two moons, Phobos and Deimos.';
    expect(estimateClaudeUsage(request, output).completion_tokens).toBe(
      approximateTokens(output, 3.5),
    );
  });

  it('adds prompt and completion into the total', () => {
    const usage = estimateClaudeUsage(request, 'Two.');
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });
});
