import type { LLMRequest } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { buildOpenAIChatBody } from './convert-to-openai-chat-request';

const base: LLMRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };
const plain = { modelId: 'gpt-4o', stream: false, useMaxCompletionTokens: false };

describe('buildOpenAIChatBody', () => {
  it('sends only the model and the messages when nothing else is set', () => {
    expect(buildOpenAIChatBody(base, plain)).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('maps every sampling and control field under its wire name', () => {
    const request: LLMRequest = {
      ...base,
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      stop: ['END'],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      parallel_tool_calls: false,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      seed: 7,
      user: 'user-42',
    };
    expect(buildOpenAIChatBody(request, plain)).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      stop: ['END'],
      response_format: request.response_format,
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      parallel_tool_calls: false,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      seed: 7,
      user: 'user-42',
    });
  });

  it('sends the token cap as max_completion_tokens for reasoning models', () => {
    const body = buildOpenAIChatBody(
      { ...base, max_tokens: 50 },
      { ...plain, useMaxCompletionTokens: true },
    );
    expect(body['max_completion_tokens']).toBe(50);
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('asks streams for the final usage chunk', () => {
    expect(buildOpenAIChatBody(base, { ...plain, stream: true })).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('leaves stream_options out when a server cannot take it', () => {
    expect(
      buildOpenAIChatBody(base, { ...plain, stream: true, includeStreamUsage: false }),
    ).not.toHaveProperty('stream_options');
  });

  it('merges extra_body as given but never lets it switch streaming', () => {
    const body = buildOpenAIChatBody(
      { ...base, extra_body: { enable_thinking: true, stream: true, logprobs: true } },
      plain,
    );
    expect(body).toMatchObject({ enable_thinking: true, logprobs: true });
    expect(body).not.toHaveProperty('stream');
  });

  it('sends the model id it is given rather than the request model name', () => {
    expect(buildOpenAIChatBody(base, { ...plain, modelId: 'my-azure-deployment' }).model).toBe(
      'my-azure-deployment',
    );
  });
});
