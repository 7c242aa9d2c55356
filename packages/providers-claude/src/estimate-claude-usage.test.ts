import { approximateTokens } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { estimateClaudeTokens, estimateClaudeUsage } from './estimate-claude-usage';

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
