import { describe, expect, it } from 'vitest';
import { convertToOpenAITools, convertToOpenAIToolChoice } from './convert-to-openai-chat-request';

describe('convertToOpenAITools', () => {
  it('sends a function tool with its JSON-schema parameters and strict flag', () => {
    const parameters = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    };
    expect(
      convertToOpenAITools([
        {
          type: 'function',
          function: { name: 'weather', description: 'Current weather', parameters, strict: true },
        },
      ]),
    ).toEqual([
      {
        type: 'function',
        function: { name: 'weather', description: 'Current weather', parameters, strict: true },
      },
    ]);
  });

  it('leaves out optional fields the tool does not set', () => {
    expect(convertToOpenAITools([{ type: 'function', function: { name: 'ping' } }])).toEqual([
      { type: 'function', function: { name: 'ping' } },
    ]);
  });
});

describe('convertToOpenAIToolChoice', () => {
  it.each(['auto', 'required', 'none'] as const)('passes "%s" through', (choice) => {
    expect(convertToOpenAIToolChoice(choice)).toBe(choice);
  });

  it('names one tool as a function choice', () => {
    expect(convertToOpenAIToolChoice({ type: 'function', function: { name: 'weather' } })).toEqual({
      type: 'function',
      function: { name: 'weather' },
    });
  });
});
