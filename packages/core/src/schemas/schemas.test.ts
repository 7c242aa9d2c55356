import { describe, expect, it } from 'vitest';
import { LLMProviderConfigSchema } from './provider-config';
import { ModelPricingSchema } from './model-pricing';
import { LLMRequestSchema } from './request';
import { LLMStreamChunkSchema } from './stream-chunk';
import { TokenUsageSchema } from './token-usage';
import { UsageFilterSchema, UsageRecordSchema } from './usage-record';

describe('core schemas', () => {
  it('parses every LLMRequest field', () => {
    const request = LLMRequestSchema.parse({
      model: 'gpt-4',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
          ],
        },
      ],
      temperature: 0.2,
      max_tokens: 100,
      stream: false,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
      tool_choice: 'required',
      stop: ['\n'],
    });
    expect(request.tool_choice).toBe('required');
  });

  it('rejects an unknown role with the path of the message', () => {
    const result = LLMRequestSchema.safeParse({
      model: 'm',
      messages: [{ role: 'robot', content: 'x' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['messages', 0, 'role']);
  });

  it('fills the documented provider defaults and refuses unknown keys', () => {
    expect(LLMProviderConfigSchema.parse({ name: 'openai', type: 'openai' })).toMatchObject({
      enabled: true,
      timeout: 30000,
      models: [],
    });
    const typo = LLMProviderConfigSchema.safeParse({
      name: 'openai',
      type: 'openai',
      api_kye: 'x',
    });
    expect(typo.success).toBe(false);
  });

  it('defaults pricing to USD per million tokens', () => {
    expect(ModelPricingSchema.parse({ input_price: 30, output_price: 60 })).toMatchObject({
      currency: 'USD',
      unit: 'million_tokens',
    });
  });

  it('keeps unreported token counts undefined rather than 0', () => {
    const usage = TokenUsageSchema.parse({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
    });
    expect(usage.cached_tokens).toBeUndefined();
    expect(
      TokenUsageSchema.safeParse({ prompt_tokens: -1, completion_tokens: 0, total_tokens: 0 })
        .success,
    ).toBe(false);
  });

  it('discriminates stream chunks by type', () => {
    expect(LLMStreamChunkSchema.parse({ type: 'text-delta', delta: 'Hel' })).toEqual({
      type: 'text-delta',
      delta: 'Hel',
    });
    expect(LLMStreamChunkSchema.safeParse({ type: 'text-delta' }).success).toBe(false);
    const finish = LLMStreamChunkSchema.parse({
      type: 'finish',
      finish_reason: 'stop',
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
    expect(finish.type).toBe('finish');
  });

  it('accepts a failed usage record without a cost', () => {
    const record = UsageRecordSchema.parse({
      model_name: 'gpt-4',
      provider_name: 'openai',
      timestamp: 1,
      request_id: 'r',
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      success: false,
      error_type: 'auth',
      response_time: 12,
    });
    expect(record.cost).toBeUndefined();
  });

  it('groups usage by tag keys', () => {
    expect(UsageFilterSchema.parse({ group_by: 'tag:user' }).group_by).toBe('tag:user');
    expect(UsageFilterSchema.safeParse({ group_by: 'weekday' }).success).toBe(false);
  });
});
