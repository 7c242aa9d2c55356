import { describe, expect, it } from 'vitest';
import { usesMaxCompletionTokens } from './convert-to-openai-chat-request';

describe('usesMaxCompletionTokens', () => {
  it.each([
    'o1',
    'o1-mini',
    'o3',
    'o3-mini-2025-01-31',
    'o4-mini',
    'gpt-5',
    'gpt-5-nano-2025-08-07',
    'openai/o3',
    'codex-mini-latest',
  ])('wants max_completion_tokens for the reasoning model %s', (model) => {
    expect(usesMaxCompletionTokens(model)).toBe(true);
  });

  it.each([
    'gpt-4o',
    'gpt-4.1-nano',
    'gpt-3.5-turbo',
    'deepseek-chat',
    'omni-moderation-latest',
    'qwen-max',
  ])('keeps max_tokens for %s', (model) => {
    expect(usesMaxCompletionTokens(model)).toBe(false);
  });

  it('recognizes a reasoning model behind an Azure deployment by any of its names', () => {
    expect(usesMaxCompletionTokens('my-deployment', undefined, 'gpt-5-mini')).toBe(true);
  });
});
