import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ask, drain, finishOf, genericConfig, textOf, useSimulator } from './__tests__/simulator';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();

interface RecordedChunk {
  choices: Array<{ delta: { content?: string | null }; finish_reason: string | null }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

function recordedChunks(file: string): RecordedChunk[] {
  return readFileSync(join(simulator.current.wireDir!, file), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)) as RecordedChunk);
}

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

describe('GenericProvider chat over HTTP', () => {
  it('gives the recorded text, finish reason and usage of a replayed OpenAI stream', async () => {
    const recorded = recordedChunks('openai/chat-stream-text.sse');
    simulator.current.script({ replay: 'openai/chat-stream-text.sse' });
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'together' }));
    const { chunks, error } = await drain(provider.streamCompletion(ask()));
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe(
      recorded.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''),
    );
    const usage = recorded.at(-1)!.usage!;
    const finishReason = recorded.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]
      ?.finish_reason;
    expect(finishOf(chunks)).toMatchObject({
      finish_reason: finishReason,
      usage: {
        prompt_tokens: usage.prompt_tokens,
        completion_tokens: usage.completion_tokens,
        total_tokens: usage.total_tokens,
      },
    });
  });

  it('streams parallel tool calls, interleaved by index, each complete once', async () => {
    simulator.current.script({
      reply: {
        tool_calls: [
          { id: 'call_oslo', name: 'weather', arguments: { city: 'Oslo' } },
          { id: 'call_rome', name: 'weather', arguments: { city: 'Rome' } },
        ],
        interleave_tool_calls: true,
      },
    });
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'qwen' }));
    const { chunks } = await drain(
      provider.streamCompletion({ ...ask('Weather in Oslo and Rome?'), tools: [weatherTool] }),
    );
    const calls = chunks.filter((chunk) => chunk.type === 'tool-call');
    expect(calls.map((chunk) => chunk.type === 'tool-call' && chunk.tool_call)).toEqual([
      {
        id: 'call_oslo',
        type: 'function',
        function: { name: 'weather', arguments: '{"city":"Oslo"}' },
      },
      {
        id: 'call_rome',
        type: 'function',
        function: { name: 'weather', arguments: '{"city":"Rome"}' },
      },
    ]);
    expect(finishOf(chunks).finish_reason).toBe('tool_calls');
    expect(simulator.current.requests[0]?.body).toMatchObject({
      tools: [weatherTool],
    });
  });

  it('refuses an unconfigured model before any request, naming the field', async () => {
    const provider = new GenericProvider(genericConfig(simulator.current));
    const request = ask('hi', 'gpt-9');
    expect(provider.validateRequest(request)).toMatchObject({
      valid: false,
      errors: [expect.objectContaining({ field: 'model' })],
    });
    await expect(provider.chatCompletion(request)).rejects.toMatchObject({
      type: 'model_not_found',
    });
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('refuses images for a model configured without vision, before any request', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, { models: [{ name: 'text-only', supports_vision: false }] }),
    );
    const error = await provider
      .chatCompletion({
        model: 'text-only',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }],
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'invalid_request' });
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('estimates tokens locally', () => {
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'qwen' }));
    expect(provider.estimateTokens('你好，世界')).toBeGreaterThan(0);
  });
});
