import { describe, expect, it } from 'vitest';
import { readWireJson } from '../__tests__/wire';
import { parseOpenAIChatCompletion } from './openai-chat-completion';

interface RecordedCompletion {
  id: string;
  model: string;
  created: number;
  choices: Array<{ message: { content: string }; finish_reason: string }>;
  usage: unknown;
}

describe('parseOpenAIChatCompletion', () => {
  it('reads the recorded completion exactly', () => {
    const recorded = readWireJson<RecordedCompletion>('openai/chat-nonstream-text.json');
    expect(parseOpenAIChatCompletion(recorded)).toMatchObject({
      content: recorded.choices[0]!.message.content,
      finishReason: 'stop',
      rawFinishReason: recorded.choices[0]!.finish_reason,
      rawUsage: recorded.usage,
      responseId: recorded.id,
      responseModel: recorded.model,
      created: recorded.created,
    });
  });

  it('reads tool calls and leaves content undefined when the model only called tools', () => {
    const parsed = parseOpenAIChatCompletion({
      choices: [
        {
          message: {
            content: null,
            tool_calls: [
              {
                id: 'call_9',
                type: 'function',
                function: { name: 'weather', arguments: '{"city":"Oslo"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    });
    expect(parsed?.content).toBeUndefined();
    expect(parsed?.toolCalls).toEqual([
      {
        id: 'call_9',
        type: 'function',
        function: { name: 'weather', arguments: '{"city":"Oslo"}' },
      },
    ]);
    expect(parsed?.finishReason).toBe('tool_calls');
  });

  it('reads DeepSeek reasoning_content as reasoning', () => {
    const parsed = parseOpenAIChatCompletion({
      choices: [
        {
          message: { content: '42', reasoning_content: 'Six times seven.' },
          finish_reason: 'stop',
        },
      ],
    });
    expect(parsed).toMatchObject({ content: '42', reasoning: 'Six times seven.' });
  });

  it('keeps Azure filter results', () => {
    const promptFilter = [
      { prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } },
    ];
    const parsed = parseOpenAIChatCompletion({
      prompt_filter_results: promptFilter,
      choices: [
        {
          message: { content: '' },
          finish_reason: 'content_filter',
          content_filter_results: { violence: { filtered: true, severity: 'high' } },
        },
      ],
    });
    expect(parsed).toMatchObject({
      promptFilterResults: promptFilter,
      finishReason: 'content_filter',
      contentFilterResults: { violence: { filtered: true } },
    });
  });

  it.each(['<html>Bad gateway</html>', null, { object: 'list' }])(
    'returns undefined for a body that is not a completion: %j',
    (body) => {
      expect(parseOpenAIChatCompletion(body)).toBeUndefined();
    },
  );
});
