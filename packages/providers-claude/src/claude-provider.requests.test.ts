import { LLMErrorType, type LLMRequest } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './__tests__/use-simulator';
import { TEST_API_KEY, claudeTestProvider, rejectionOf } from './__tests__/claude-test-provider';

const simulator = useSimulator();

const call = (id: string, name: string, args: string) => ({
  id,
  type: 'function' as const,
  function: { name, arguments: args },
});
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const lastBody = () => simulator.current.requests.at(-1)?.body as Record<string, unknown>;

describe('the request the Anthropic API receives', () => {
  it('carries a multi-turn tool conversation mapped exactly', async () => {
    const request: LLMRequest = {
      model: 'claude-sonnet-5-5',
      max_tokens: 300,
      temperature: 0.2,
      stop: ['###'],
      user: 'user-7',
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      messages: [
        { role: 'system', content: 'You are a weather bot.' },
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: 'Let me check both.',
          tool_calls: [
            call('toolu_p', 'get_weather', '{"city":"Paris"}'),
            call('toolu_r', 'get_weather', '{"city":"Rome"}'),
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_p', content: '18°C, cloudy' },
        { role: 'tool', tool_call_id: 'toolu_r', content: '24°C, sunny' },
        { role: 'system', content: 'Answer in one line.' },
        { role: 'user', content: 'And which is warmer?' },
      ],
    };
    await claudeTestProvider(simulator.current).chatCompletion(request);
    expect(simulator.current.requests).toHaveLength(1);
    expect(simulator.current.requests[0]?.path).toBe('/v1/messages');
    expect(lastBody()).toEqual({
      model: 'claude-sonnet-5-5',
      max_tokens: 300,
      temperature: 0.2,
      stop_sequences: ['###'],
      metadata: { user_id: 'user-7' },
      system: 'You are a weather bot.\n\nAnswer in one line.',
      tools: [
        {
          name: 'get_weather',
          description: 'Weather of a city',
          input_schema: weatherTool.function.parameters,
        },
      ],
      tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check both.' },
            { type: 'tool_use', id: 'toolu_p', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_r', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_p', content: '18°C, cloudy' },
            { type: 'tool_result', tool_use_id: 'toolu_r', content: '24°C, sunny' },
            { type: 'text', text: 'And which is warmer?' },
          ],
        },
      ],
    });
  });

  it('sends a streaming request with stream true and the default max_tokens', async () => {
    for await (const _chunk of claudeTestProvider(simulator.current, {
      default_max_tokens: 1500,
    }).streamCompletion({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Hi' }],
    })) {
      // drain
    }
    expect(lastBody()).toMatchObject({ stream: true, max_tokens: 1500, model: 'claude-haiku-4-5' });
  });

  it('sends images as base64 and url image blocks', async () => {
    await claudeTestProvider(simulator.current).chatCompletion({
      model: 'claude-sonnet-5-5',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            { type: 'image_url', image_url: { url: 'https://example.com/b.png' } },
          ],
        },
      ],
    });
    expect(lastBody()['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these.' },
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/b.png' } },
        ],
      },
    ]);
  });

  it('sends a JSON schema response format as output_config.format', async () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'number' } },
      required: ['answer'],
      additionalProperties: false,
    };
    await claudeTestProvider(simulator.current).chatCompletion({
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: '2+2?' }],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema } },
    });
    expect(lastBody()['output_config']).toEqual({ format: { type: 'json_schema', schema } });
  });

  it('passes extended thinking from extra_body through', async () => {
    await claudeTestProvider(simulator.current).chatCompletion({
      model: 'claude-sonnet-5-5',
      max_tokens: 4000,
      messages: [{ role: 'user', content: 'Think first.' }],
      extra_body: { thinking: { type: 'enabled', budget_tokens: 2048 } },
    });
    expect(lastBody()['thinking']).toEqual({ type: 'enabled', budget_tokens: 2048 });
  });

  it('authenticates with x-api-key and no Authorization header by default', async () => {
    await claudeTestProvider(simulator.current).chatCompletion({
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const headers = simulator.current.requests[0]!.headers;
    expect(headers['x-api-key']).toBe(TEST_API_KEY);
    expect(headers['authorization']).toBeUndefined();
    expect(headers['anthropic-version']).toBeDefined();
  });

  it('authenticates with Authorization: Bearer under auth_style bearer', async () => {
    await claudeTestProvider(simulator.current, { auth_style: 'bearer' }).chatCompletion({
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const headers = simulator.current.requests[0]!.headers;
    expect(headers['authorization']).toBe(`Bearer ${TEST_API_KEY}`);
    expect(headers['x-api-key']).toBeUndefined();
  });

  it('sends the configured and the per-call headers', async () => {
    await claudeTestProvider(simulator.current, {
      headers: { 'anthropic-beta': 'feature-x' },
    }).chatCompletion(
      { model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'x-trace': 'abc' } },
    );
    expect(simulator.current.requests[0]!.headers).toMatchObject({
      'anthropic-beta': 'feature-x',
      'x-trace': 'abc',
    });
  });
});

describe('requests refused before any network call', () => {
  const refusals: [string, LLMRequest, string][] = [
    [
      'images to a model configured without vision',
      {
        model: 'text-only',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
          },
        ],
      },
      'messages',
    ],
    [
      'max_tokens above the model limit',
      { model: 'text-only', max_tokens: 5000, messages: [{ role: 'user', content: 'Hi' }] },
      'max_tokens',
    ],
    [
      'json_object output',
      {
        model: 'text-only',
        response_format: { type: 'json_object' },
        messages: [{ role: 'user', content: 'Hi' }],
      },
      'response_format.type',
    ],
    [
      'a tool call whose arguments are not JSON',
      {
        model: 'text-only',
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: null, tool_calls: [call('t1', 'f', '{oops')] },
        ],
      },
      'messages.1.tool_calls.0.function.arguments',
    ],
  ];

  it.each(refusals)(
    'refuses %s with invalid_request naming the field',
    async (_name, request, field) => {
      const provider = claudeTestProvider(simulator.current, {
        models: [{ name: 'text-only', supports_vision: false, max_tokens: 4096 }],
      });
      expect(provider.validateRequest(request).errors.map((issue) => issue.field)).toContain(field);
      const error = await rejectionOf(provider.chatCompletion(request));
      expect(error.type).toBe(LLMErrorType.INVALID_REQUEST);
      expect(error.message).toContain(field);
      await expect(async () => {
        for await (const _chunk of provider.streamCompletion(request)) {
          // nothing arrives
        }
      }).rejects.toMatchObject({ type: LLMErrorType.INVALID_REQUEST });
      expect(simulator.current.requests).toHaveLength(0);
    },
  );

  it('refuses a model the provider does not configure with model_not_found', async () => {
    const provider = claudeTestProvider(simulator.current, {
      models: [{ name: 'claude-sonnet-5-5' }],
    });
    const error = await rejectionOf(
      provider.chatCompletion({ model: 'claude-9', messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(error.type).toBe(LLMErrorType.MODEL_NOT_FOUND);
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('leaves the config check to a caller that ran it (requestChecked), still converting the request', async () => {
    const provider = claudeTestProvider(simulator.current, {
      models: [{ name: 'claude-sonnet-5-5' }],
    });
    const answer = await provider.chatCompletion(
      { model: 'claude-9', messages: [{ role: 'user', content: 'Hi' }] },
      { requestChecked: true },
    );
    expect(answer.model).toBeDefined();
    expect(simulator.current.requests).toHaveLength(1);
    expect(lastBody()['model']).toBe('claude-9');
  });

  it('refuses to call without an API key', async () => {
    const previous = process.env['ANTHROPIC_API_KEY'];
    delete process.env['ANTHROPIC_API_KEY'];
    try {
      const error = await rejectionOf(
        claudeTestProvider(simulator.current, { api_key: undefined }).chatCompletion({
          model: 'claude-sonnet-5-5',
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      );
      expect(error.type).toBe(LLMErrorType.AUTHENTICATION_ERROR);
      expect(simulator.current.requests).toHaveLength(0);
    } finally {
      if (previous !== undefined) process.env['ANTHROPIC_API_KEY'] = previous;
    }
  });
});
