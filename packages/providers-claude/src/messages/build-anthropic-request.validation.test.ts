import { LLMProviderConfigSchema, type LLMRequest } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { prepareClaudeRequest } from './build-anthropic-request';

const config = LLMProviderConfigSchema.parse({
  name: 'claude',
  type: 'claude',
  models: [
    { name: 'sonnet', model_id: 'claude-sonnet-4-5', max_tokens: 8192 },
    { name: 'text-only', supports_vision: false, supports_json_mode: false },
  ],
});
const request = (fields: Partial<LLMRequest> = {}): LLMRequest => ({
  model: 'sonnet',
  messages: [{ role: 'user', content: 'Hi' }],
  ...fields,
});
const image = { type: 'image_url' as const, image_url: { url: 'data:image/png;base64,AAAA' } };

describe('prepareClaudeRequest', () => {
  it('returns the body of a valid request', () => {
    const prepared = prepareClaudeRequest(request(), config);
    expect(prepared.result).toEqual({ valid: true, errors: [] });
    expect(prepared.body?.model).toBe('claude-sonnet-4-5');
  });

  it('refuses images for a model configured without vision', () => {
    const prepared = prepareClaudeRequest(
      request({ model: 'text-only', messages: [{ role: 'user', content: [image] }] }),
      config,
    );
    expect(prepared.result.valid).toBe(false);
    expect(prepared.result.errors[0]?.field).toBe('messages');
    expect(prepared.body).toBeUndefined();
  });

  it('refuses a model the provider does not configure', () => {
    expect(prepareClaudeRequest(request({ model: 'gpt-4o' }), config).result.errors[0]?.field).toBe(
      'model',
    );
  });

  it('refuses max_tokens above the model limit', () => {
    expect(
      prepareClaudeRequest(request({ max_tokens: 9000 }), config).result.errors[0]?.field,
    ).toBe('max_tokens');
  });

  it('refuses json_object output, naming response_format.type', () => {
    const prepared = prepareClaudeRequest(
      request({ response_format: { type: 'json_object' } }),
      config,
    );
    expect(prepared.result.errors).toEqual([
      expect.objectContaining({ field: 'response_format.type' }),
    ]);
  });

  it('refuses a JSON schema for a model configured without JSON mode', () => {
    const format = {
      type: 'json_schema' as const,
      json_schema: { name: 'x', schema: { type: 'object' } },
    };
    const prepared = prepareClaudeRequest(
      request({ model: 'text-only', response_format: format }),
      config,
    );
    expect(prepared.result.errors).toEqual([expect.objectContaining({ field: 'response_format' })]);
  });

  it('refuses an image media type Claude does not accept, naming the part', () => {
    const bmp = { type: 'image_url' as const, image_url: { url: 'data:image/bmp;base64,Qk0=' } };
    const prepared = prepareClaudeRequest(
      request({ messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, bmp] }] }),
      config,
    );
    expect(prepared.result.errors).toEqual([
      expect.objectContaining({ field: 'messages.0.content.1' }),
    ]);
  });

  it('refuses a request with no messages', () => {
    expect(prepareClaudeRequest({ model: 'sonnet', messages: [] }, config).result.valid).toBe(
      false,
    );
  });
});
