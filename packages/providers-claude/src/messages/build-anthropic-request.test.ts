import { LLMProviderConfigSchema, type LLMProviderConfigInput, type LLMRequest } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TOKENS, buildAnthropicRequest } from './build-anthropic-request';

const config = (fields: Partial<LLMProviderConfigInput> = {}) =>
  LLMProviderConfigSchema.parse({
    name: 'claude',
    type: 'claude',
    models: [
      { name: 'sonnet', model_id: 'claude-sonnet-4-5', max_tokens: 2048 },
      { name: 'haiku' },
    ],
    ...fields,
  });
const request = (fields: Partial<LLMRequest> = {}): LLMRequest => ({
  model: 'haiku',
  messages: [{ role: 'user', content: 'Hi' }],
  ...fields,
});

describe('buildAnthropicRequest', () => {
  it('sends the configured model_id for a model named in config', () => {
    expect(buildAnthropicRequest(request({ model: 'sonnet' }), config()).model).toBe(
      'claude-sonnet-4-5',
    );
  });

  it('sends the request model as given when config has no model_id for it', () => {
    expect(buildAnthropicRequest(request(), config()).model).toBe('haiku');
  });

  it('defaults max_tokens when the request gives none', () => {
    expect(buildAnthropicRequest(request(), config()).max_tokens).toBe(DEFAULT_MAX_TOKENS);
  });

  it('takes the default max_tokens from default_max_tokens in config', () => {
    expect(buildAnthropicRequest(request(), config({ default_max_tokens: 1000 })).max_tokens).toBe(
      1000,
    );
  });

  it('caps the default max_tokens by the model limit', () => {
    expect(
      buildAnthropicRequest(request({ model: 'sonnet' }), config({ default_max_tokens: 8192 }))
        .max_tokens,
    ).toBe(2048);
  });

  it('sends the request max_tokens as given', () => {
    expect(buildAnthropicRequest(request({ max_tokens: 77 }), config()).max_tokens).toBe(77);
  });

  it('maps temperature, top_p, stop and user', () => {
    const body = buildAnthropicRequest(
      request({ temperature: 0.3, top_p: 0.9, stop: ['END'], user: 'user-42' }),
      config(),
    );
    expect(body).toMatchObject({
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
    });
  });

  it('leaves out every optional field the request does not set', () => {
    expect(Object.keys(buildAnthropicRequest(request(), config())).sort()).toEqual([
      'max_tokens',
      'messages',
      'model',
    ]);
  });

  it('lifts system messages and converts tools', () => {
    const body = buildAnthropicRequest(
      request({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
        tools: [{ type: 'function', function: { name: 'noop' } }],
        tool_choice: 'required',
      }),
      config(),
    );
    expect(body.system).toBe('Be brief.');
    expect(body.tools).toEqual([
      { name: 'noop', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(body.tool_choice).toEqual({ type: 'any' });
  });

  it('merges extra_body over the built fields, passing thinking through', () => {
    const body = buildAnthropicRequest(
      request({
        max_tokens: 100,
        extra_body: { thinking: { type: 'enabled', budget_tokens: 2048 }, max_tokens: 4000 },
      }),
      config(),
    );
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(body.max_tokens).toBe(4000);
  });

  it('sends a JSON schema response format as output_config', () => {
    const schema = { type: 'object', properties: {} };
    const body = buildAnthropicRequest(
      request({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } }),
      config(),
    );
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema } });
  });
});
