import { describe, expect, it } from 'vitest';
import { LLMProviderConfigSchema } from '../schemas/provider-config';
import type { LLMRequest } from '../schemas/request';
import {
  checkRequestForModel,
  findModelConfig,
  validateRequestAgainstConfig,
} from './validate-request';
import { validationError } from './validation-error';

const provider = LLMProviderConfigSchema.parse({
  name: 'openai',
  type: 'openai',
  models: [
    { name: 'gpt-4o', max_tokens: 4096, supports_vision: true },
    { name: 'gpt-3.5-turbo', supports_vision: false, supports_tools: false },
    { name: 'text-embedding-3-small', mode: 'embedding' },
  ],
});

const hello = (model: string): LLMRequest => ({
  model,
  messages: [{ role: 'user', content: 'hello' }],
});
const image = { type: 'image_url' as const, image_url: { url: 'https://example.com/cat.png' } };
const fields = (request: unknown) =>
  validateRequestAgainstConfig(request, provider).errors.map((issue) => issue.field);

describe('validateRequestAgainstConfig', () => {
  it('accepts a plain request for a configured model', () => {
    expect(validateRequestAgainstConfig(hello('gpt-4o'), provider)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('names the unknown model and lists the configured ones', () => {
    const result = validateRequestAgainstConfig(hello('gpt-9'), provider);
    expect(result.errors[0]?.message).toBe(
      'Model "gpt-9" is not configured for provider "openai" (configured: gpt-4o, gpt-3.5-turbo, text-embedding-3-small)',
    );
    expect(validationError(result, 'openai').type).toBe('model_not_found');
  });

  it('allows any model when the provider lists none', () => {
    const open = LLMProviderConfigSchema.parse({ name: 'x', type: 'openai' });
    expect(validateRequestAgainstConfig(hello('anything'), open).valid).toBe(true);
  });

  it('reports empty messages at the messages field', () => {
    expect(fields({ model: 'gpt-4o', messages: [] })).toEqual(['messages']);
  });

  it('refuses images for a model configured without vision', () => {
    const request = {
      model: 'gpt-3.5-turbo',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, image] }],
    };
    expect(fields(request)).toEqual(['messages']);
    expect(fields({ ...request, model: 'gpt-4o' })).toEqual([]);
  });

  it('refuses tools for a model configured without tools', () => {
    const tools = [
      {
        type: 'function',
        function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
      },
    ];
    expect(fields({ ...hello('gpt-3.5-turbo'), tools })).toEqual(['tools']);
  });

  it('refuses max_tokens above the model limit, naming both numbers', () => {
    const result = validateRequestAgainstConfig({ ...hello('gpt-4o'), max_tokens: 5000 }, provider);
    expect(result.errors).toEqual([
      {
        field: 'max_tokens',
        message: 'max_tokens 5000 exceeds the limit of model "gpt-4o" (4096)',
      },
    ]);
  });

  it('reports tool schema problems at their path', () => {
    const tools = [
      { type: 'function', function: { name: 'a', parameters: { type: 'string' } } },
      { type: 'function', function: { name: 'a' } },
      { type: 'function', function: { name: 'bad name!' } },
    ];
    expect(fields({ ...hello('gpt-4o'), tools })).toEqual(['tools.2.function.name']);
    expect(fields({ ...hello('gpt-4o'), tools: tools.slice(0, 2) })).toEqual([
      'tools.0.function.parameters.type',
      'tools.1.function.name',
    ]);
  });

  it('refuses tool parameters that are not a valid JSON Schema, naming the tool and the problem', () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'lookup',
          parameters: { type: 'object', properties: { city: { type: 'strnig' } } },
        },
      },
    ];
    const result = validateRequestAgainstConfig({ ...hello('gpt-4o'), tools }, provider);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      {
        field: 'tools.0.function.parameters',
        message: expect.stringMatching(
          /^Tool "lookup": parameters is not a valid JSON Schema at \/properties\/city\/type: /,
        ),
      },
    ]);
  });

  it('accepts a valid JSON Schema with nested objects, arrays and enums', () => {
    const parameters = {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        units: { type: 'string', enum: ['metric', 'imperial'] },
        days: { type: 'array', items: { type: 'integer', minimum: 1 } },
      },
      required: ['city'],
      additionalProperties: false,
    };
    const tools = [{ type: 'function', function: { name: 'forecast', parameters } }];
    expect(fields({ ...hello('gpt-4o'), tools })).toEqual([]);
  });

  describe('context window', () => {
    const small = LLMProviderConfigSchema.parse({
      name: 'local',
      type: 'generic',
      models: [{ name: 'local-model', context_window: 100 }],
    });
    const ask = (text: string, max_tokens?: number): LLMRequest => ({
      model: 'local-model',
      messages: [{ role: 'user', content: text }],
      ...(max_tokens === undefined ? {} : { max_tokens }),
    });

    it('refuses a prompt plus requested output above the window with token_limit, saying both numbers', () => {
      const result = validateRequestAgainstConfig(ask('word '.repeat(200), 10), small);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({
        field: 'messages',
        code: 'context_window_exceeded',
      });
      expect(result.errors[0]!.message).toMatch(
        /^The prompt \(about \d+ tokens\) plus max_tokens 10 exceeds the context window of model "local-model" \(100 tokens\)/,
      );
      const error = validationError(result, 'local', 'local-model');
      expect(error.type).toBe('token_limit');
      expect(error.retryable).toBe(false);
    });

    it('counts the requested output: a prompt that fits alone is refused with a large max_tokens', () => {
      expect(validateRequestAgainstConfig(ask('hello there'), small).valid).toBe(true);
      expect(validateRequestAgainstConfig(ask('hello there', 95), small).errors[0]?.code).toBe(
        'context_window_exceeded',
      );
    });

    it('does not check a model without a configured window', () => {
      expect(validateRequestAgainstConfig(hello('gpt-4o'), provider).valid).toBe(true);
    });

    it('takes the window from the model defaults when the config sets none, naming where it came from', () => {
      const defaults = { source: 'the price catalog', context_window: 100 };
      const result = validateRequestAgainstConfig(
        { ...hello('gpt-4o'), messages: [{ role: 'user', content: 'word '.repeat(200) }] },
        provider,
        defaults,
      );
      expect(result.errors[0]?.code).toBe('context_window_exceeded');
      expect(result.errors[0]?.message).toMatch(
        /about \d+ tokens\) plus max_tokens 0 exceeds the context window of model "gpt-4o" \(100 tokens, from the price catalog\)/,
      );
    });

    it('lets a configured window win over the model defaults', () => {
      const defaults = { source: 'the price catalog', context_window: 5 };
      expect(validateRequestAgainstConfig(ask('hello there'), small, defaults).valid).toBe(true);
    });
  });

  describe('model defaults (what the catalog knows when the config is silent)', () => {
    const silent = LLMProviderConfigSchema.parse({
      name: 'openai',
      type: 'openai',
      models: [{ name: 'gpt-3.5-turbo' }, { name: 'o3-mini', supports_vision: true }],
    });
    const noVision = { source: 'the price catalog', supports_vision: false, supports_tools: false };
    const withImage = (model: string) => ({
      model,
      messages: [
        { role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }, image] },
      ],
    });

    it('refuses images to a model the defaults mark without vision, saying how to enable it', () => {
      const result = validateRequestAgainstConfig(withImage('gpt-3.5-turbo'), silent, noVision);
      expect(result.errors).toEqual([
        {
          field: 'messages',
          message:
            'Model "gpt-3.5-turbo" does not take images according to the price catalog, but the request contains images; if it does, set supports_vision = true in [llm.providers.openai.models."gpt-3.5-turbo"]',
        },
      ]);
    });

    it('refuses tools to a model the defaults mark without function calling, saying how to enable it', () => {
      const tools = [{ type: 'function' as const, function: { name: 'forecast' } }];
      const result = validateRequestAgainstConfig(
        { ...hello('gpt-3.5-turbo'), tools },
        silent,
        noVision,
      );
      expect(result.errors[0]?.field).toBe('tools');
      expect(result.errors[0]?.message).toContain('set supports_tools = true');
    });

    it('lets the config win: supports_vision = true sends images the defaults would refuse', () => {
      expect(validateRequestAgainstConfig(withImage('o3-mini'), silent, noVision).valid).toBe(true);
    });

    it('applies the defaults to any model of a provider that lists none', () => {
      const open = LLMProviderConfigSchema.parse({ name: 'x', type: 'openai' });
      expect(validateRequestAgainstConfig(withImage('anything'), open, noVision).valid).toBe(false);
      expect(validateRequestAgainstConfig(withImage('anything'), open).valid).toBe(true);
    });
  });

  it('checks that a named tool_choice refers to a given tool', () => {
    const tools = [{ type: 'function', function: { name: 'a' } }];
    expect(
      fields({
        ...hello('gpt-4o'),
        tools,
        tool_choice: { type: 'function', function: { name: 'b' } },
      }),
    ).toEqual(['tool_choice.function.name']);
  });

  it('requires tool_call_id on tool messages', () => {
    const request = {
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'x' },
        { role: 'tool', content: '42' },
      ],
    };
    expect(fields(request)).toEqual(['messages.1.tool_call_id']);
  });

  it('accepts an assistant turn with tool calls and no text', () => {
    const request = {
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'w', arguments: '{}' } },
          ],
        },
        { role: 'tool', content: 'sunny', tool_call_id: 'call_1' },
      ],
    };
    expect(fields(request)).toEqual([]);
  });

  it('refuses a chat call to an embedding model', () => {
    expect(fields(hello('text-embedding-3-small'))).toEqual(['model']);
  });

  it('reports out-of-range sampling parameters at their field', () => {
    expect(fields({ ...hello('gpt-4o'), temperature: 3 })).toEqual(['temperature']);
  });
});

describe('findModelConfig', () => {
  const azure = LLMProviderConfigSchema.parse({
    name: 'azure',
    type: 'azure',
    models: [
      { name: 'gpt-4o-az', deployment: 'prod-gpt4o', model_id: 'gpt-4o' },
      { name: 'gpt-4o', deployment: 'prod-4o' },
      { name: 'mini-a', model_id: 'gpt-4o-mini' },
      { name: 'mini-b', model_id: 'gpt-4o-mini' },
    ],
  });

  it('picks the model named exactly over an earlier one whose model_id matches', () => {
    expect(findModelConfig(azure, 'gpt-4o')?.deployment).toBe('prod-4o');
    expect(findModelConfig(azure, 'gpt-4o-az')?.deployment).toBe('prod-gpt4o');
  });

  it('falls back to the first model whose model_id matches, in the listed order', () => {
    expect(findModelConfig(azure, 'gpt-4o-mini')?.name).toBe('mini-a');
    expect(findModelConfig(azure, 'gpt-5')).toBeUndefined();
  });
});

describe('checkRequestForModel', () => {
  it('runs the model checks alone, as validateRequestAgainstConfig reports them, for a shape already checked', () => {
    const request: LLMRequest = {
      model: 'gpt-3.5-turbo',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, image] }],
    };
    expect(checkRequestForModel(request, provider)).toEqual(
      validateRequestAgainstConfig(request, provider),
    );
    expect(checkRequestForModel(hello('gpt-9'), provider).errors[0]?.message).toContain(
      'Model "gpt-9" is not configured',
    );
    expect(checkRequestForModel(hello('gpt-4o'), provider)).toEqual({ valid: true, errors: [] });
  });
});
