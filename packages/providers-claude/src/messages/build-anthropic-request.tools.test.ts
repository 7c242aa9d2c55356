import type { LLMRequest } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { convertToAnthropicTools } from './build-anthropic-request';

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const request = (fields: Partial<LLMRequest>): LLMRequest => ({
  model: 'claude',
  messages: [{ role: 'user', content: 'x' }],
  tools: [weather],
  ...fields,
});

describe('convertToAnthropicTools', () => {
  it('maps a function tool to name, description and input_schema', () => {
    expect(convertToAnthropicTools(request({})).tools).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather of a city',
        input_schema: weather.function.parameters,
      },
    ]);
  });

  it('gives a tool without parameters an empty object schema', () => {
    const tools = convertToAnthropicTools(
      request({ tools: [{ type: 'function', function: { name: 'refresh' } }] }),
    ).tools;
    expect(tools).toEqual([{ name: 'refresh', input_schema: { type: 'object', properties: {} } }]);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
  ] as const)('maps tool_choice %s', (choice, expected) => {
    expect(convertToAnthropicTools(request({ tool_choice: choice })).tool_choice).toEqual(expected);
  });

  it('maps a named tool choice to a tool choice of that name', () => {
    const settings = convertToAnthropicTools(
      request({ tool_choice: { type: 'function', function: { name: 'get_weather' } } }),
    );
    expect(settings.tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
  });

  it('leaves tool_choice out when the request sets none', () => {
    expect(convertToAnthropicTools(request({}))).not.toHaveProperty('tool_choice');
  });

  it('turns parallel_tool_calls false into disable_parallel_tool_use', () => {
    expect(convertToAnthropicTools(request({ parallel_tool_calls: false })).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(
      convertToAnthropicTools(request({ tool_choice: 'required', parallel_tool_calls: false }))
        .tool_choice,
    ).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
  });

  it('sends no tools when the request has none', () => {
    expect(convertToAnthropicTools(request({ tools: undefined }))).toEqual({});
  });
});
