import { describe, expect, it } from 'vitest';
import { readWireJson, readWireSseData } from '../__tests__/wire';
import { normalizeOpenAIUsage } from './openai-chat-completion';

interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

describe('normalizeOpenAIUsage', () => {
  it('reads the recorded non-streaming usage, details included', () => {
    const raw = readWireJson<{ usage: WireUsage }>('openai/chat-nonstream-text.json').usage;
    expect(normalizeOpenAIUsage(raw)).toEqual({
      prompt_tokens: raw.prompt_tokens,
      completion_tokens: raw.completion_tokens,
      total_tokens: raw.total_tokens,
      cached_tokens: raw.prompt_tokens_details?.cached_tokens,
      reasoning_tokens: raw.completion_tokens_details?.reasoning_tokens,
    });
  });

  it('keeps reasoning tokens inside completion tokens (Azure gpt-5 stream)', () => {
    const raw = readWireSseData<{ usage?: WireUsage | null }>(
      'azure/chat-stream-model-router.sse',
    ).find((frame) => frame.usage)!.usage!;
    const usage = normalizeOpenAIUsage(raw)!;
    expect(usage.reasoning_tokens).toBe(raw.completion_tokens_details!.reasoning_tokens);
    expect(usage.completion_tokens).toBe(raw.completion_tokens);
    expect(usage.total_tokens).toBe(raw.prompt_tokens + raw.completion_tokens);
  });

  it('does not add cached tokens to the prompt count: OpenAI already includes them', () => {
    const usage = normalizeOpenAIUsage({
      prompt_tokens: 1200,
      completion_tokens: 10,
      total_tokens: 1210,
      prompt_tokens_details: { cached_tokens: 1024 },
    });
    expect(usage).toEqual({
      prompt_tokens: 1200,
      completion_tokens: 10,
      total_tokens: 1210,
      cached_tokens: 1024,
    });
  });

  it('leaves details undefined when the server does not send them', () => {
    const usage = normalizeOpenAIUsage({
      prompt_tokens: 53,
      completion_tokens: 17,
      total_tokens: 70,
    });
    expect(usage).toEqual({ prompt_tokens: 53, completion_tokens: 17, total_tokens: 70 });
    expect(usage).not.toHaveProperty('cached_tokens');
  });

  it("reads DeepSeek's prompt_cache_hit_tokens as cached tokens", () => {
    expect(
      normalizeOpenAIUsage({
        prompt_tokens: 100,
        completion_tokens: 5,
        total_tokens: 105,
        prompt_cache_hit_tokens: 64,
      })?.cached_tokens,
    ).toBe(64);
  });

  it('counts embeddings usage, which has no completion count, as zero completion tokens', () => {
    const raw = readWireJson<{ usage: { prompt_tokens: number; total_tokens: number } }>(
      'openai/embeddings-float.json',
    ).usage;
    expect(normalizeOpenAIUsage(raw)).toEqual({
      prompt_tokens: raw.prompt_tokens,
      completion_tokens: 0,
      total_tokens: raw.total_tokens,
    });
  });

  it.each([null, undefined, {}, { completion_tokens: 3 }, 'usage'])(
    'returns undefined for %j so that the caller estimates',
    (raw) => {
      expect(normalizeOpenAIUsage(raw)).toBeUndefined();
    },
  );
});
