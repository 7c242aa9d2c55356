import { startSimulator } from '@llm/testing';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './__tests__/use-simulator';
import { claudeTestProvider, collectStream, userRequest } from './__tests__/claude-test-provider';

const simulator = useSimulator();

const request = userRequest('Go');
const cachedUsage = {
  prompt_tokens: 1000,
  cached_tokens: 600,
  cache_write_tokens: 100,
  completion_tokens: 40,
};

describe('scripted replies through the SDK and the provider', () => {
  it('reports cache reads and writes inside prompt tokens (non-streaming)', async () => {
    simulator.current.script({ reply: { text: 'Cached answer.', usage: cachedUsage } });
    const response = await claudeTestProvider(simulator.current).chatCompletion(request);
    expect(response.content).toBe('Cached answer.');
    expect(response.usage).toEqual({
      prompt_tokens: 1000,
      completion_tokens: 40,
      total_tokens: 1040,
      cached_tokens: 600,
      cache_write_tokens: 100,
    });
    expect(response.metadata.raw_usage).toMatchObject({
      input_tokens: 300,
      cache_read_input_tokens: 600,
      cache_creation_input_tokens: 100,
    });
  });

  it('reports cache reads and writes inside prompt tokens (streaming)', async () => {
    simulator.current.script({ reply: { text: 'Cached answer.', usage: cachedUsage } });
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request),
    );
    const finish = collected.chunks.at(-1);
    expect(collected.text).toBe('Cached answer.');
    expect(finish?.type === 'finish' && finish.usage).toEqual({
      prompt_tokens: 1000,
      completion_tokens: 40,
      total_tokens: 1040,
      cached_tokens: 600,
      cache_write_tokens: 100,
    });
  });

  it('yields both parallel tool calls complete and correct from interleaved fragments', async () => {
    const calls = [
      { id: 'toolu_paris', name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
      { id: 'toolu_rome', name: 'get_weather', arguments: { city: 'Rome', unit: 'celsius' } },
    ];
    simulator.current.script({ reply: { tool_calls: calls, interleave_tool_calls: true } });
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(request),
    );
    const complete = collected.chunks.flatMap((chunk) =>
      chunk.type === 'tool-call' ? [chunk] : [],
    );
    expect(
      complete.map((chunk) => [
        chunk.index,
        chunk.tool_call.id,
        JSON.parse(chunk.tool_call.function.arguments),
      ]),
    ).toEqual([
      [0, 'toolu_paris', calls[0]!.arguments],
      [1, 'toolu_rome', calls[1]!.arguments],
    ]);
    const finish = collected.chunks.at(-1);
    expect(finish?.type === 'finish' && finish.finish_reason).toBe('tool_calls');
  });

  it('returns tool calls with their input as JSON arguments (non-streaming)', async () => {
    simulator.current.script({
      reply: { tool_calls: [{ id: 'toolu_1', name: 'lookup', arguments: { q: 'moons of Mars' } }] },
    });
    const response = await claudeTestProvider(simulator.current).chatCompletion(request);
    expect(response.finish_reason).toBe('tool_calls');
    expect(
      response.tool_calls?.map((toolCall) => [
        toolCall.id,
        toolCall.function.name,
        JSON.parse(toolCall.function.arguments),
      ]),
    ).toEqual([['toolu_1', 'lookup', { q: 'moons of Mars' }]]);
  });

  it('returns thinking as reasoning, streamed as reasoning deltas', async () => {
    simulator.current.script(
      { reply: { reasoning: 'Mars has two small moons.', text: 'Two.' } },
      { reply: { reasoning: 'Mars has two small moons.', text: 'Two.' } },
    );
    const provider = claudeTestProvider(simulator.current);
    const response = await provider.chatCompletion(request);
    expect(response.reasoning).toBe('Mars has two small moons.');
    expect(response.content).toBe('Two.');
    const collected = await collectStream(provider.streamCompletion(request));
    expect(collected.reasoning).toBe('Mars has two small moons.');
    expect(collected.text).toBe('Two.');
  });

  it('estimates and flags the usage when the server reports none', async () => {
    simulator.current.script({ reply: { text: 'No usage here.', usage: null } });
    const response = await claudeTestProvider(simulator.current).chatCompletion(request);
    expect(response.usage.estimated).toBe(true);
    expect(response.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('maps a stop sequence to stop and keeps the sequence', async () => {
    simulator.current.script({ reply: { text: 'Done', finish_reason: 'stop_sequence' } });
    const response = await claudeTestProvider(simulator.current).chatCompletion({
      ...request,
      stop: ['###'],
    });
    expect(response.finish_reason).toBe('stop');
    expect(response.metadata.raw_finish_reason).toBe('stop_sequence');
  });

  it('maps max_tokens to length', async () => {
    simulator.current.script({ reply: { text: 'Cut', finish_reason: 'max_tokens' } });
    expect(
      (await claudeTestProvider(simulator.current).chatCompletion(request)).finish_reason,
    ).toBe('length');
  });
});

describe('models and health', () => {
  it('lists the models the API serves', async () => {
    const models = await claudeTestProvider(simulator.current).listModels();
    expect(models.length).toBeGreaterThan(0);
    expect(
      models.every((model) => typeof model.id === 'string' && model.owned_by === 'anthropic'),
    ).toBe(true);
    expect(simulator.current.requests.at(-1)?.path).toBe('/v1/models');
  });

  it('is healthy when the models endpoint answers', async () => {
    expect(await claudeTestProvider(simulator.current).isHealthy()).toBe(true);
  });

  it('is unhealthy when the API cannot be reached', async () => {
    const closed = await startSimulator();
    await closed.close();
    expect(await claudeTestProvider(closed).isHealthy()).toBe(false);
  });

  it('is unhealthy when the API key is refused', async () => {
    const strict = await startSimulator({ apiKeys: ['sk-ant-the-only-good-key'] });
    try {
      expect(await claudeTestProvider(strict).isHealthy()).toBe(false);
    } finally {
      await strict.close();
    }
  });
});
