import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { drain, endlessToolCalls, toolCallsThenAnswer } from '@llm/testing';
import { simulatedModel, useSimulator } from '../__tests__/simulated-model';
import { ToolManager } from '../tools/tool-manager';
import { streamToolLoop } from './stream-tool-loop';
import type { ToolLoopFinishChunk, ToolStreamChunk } from './tool-loop-types';

const simulator = useSimulator();
const tools = () =>
  new ToolManager().register({
    name: 'get_weather',
    parameters: z.object({ city: z.string() }),
    execute: ({ city }) => ({ city, sky: 'clear' }),
  });

describe.each(['openai', 'claude'] as const)('streamToolLoop on %s', (type) => {
  const request = {
    model: type === 'openai' ? 'gpt-4o' : 'claude-sonnet-4-20250514',
    max_tokens: 200,
    messages: [{ role: 'user' as const, content: 'Weather in Oslo?' }],
  };

  it('streams the steps, a tool-result per call, step-finish chunks and one final finish', async () => {
    simulator.current.script(
      ...toolCallsThenAnswer({
        calls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
        answer: 'Clear skies over Oslo.',
      }),
    );
    const model = simulatedModel(simulator.current, type);
    const { chunks, error } = await drain<ToolStreamChunk>(streamToolLoop(model, request, tools()));
    expect(error).toBeUndefined();
    const kinds = chunks.map((chunk) => chunk.type).filter((kind) => !kind.endsWith('-delta'));
    expect(kinds).toEqual(['tool-call', 'step-finish', 'tool-result', 'step-finish', 'finish']);
    const text = chunks
      .flatMap((chunk) => (chunk.type === 'text-delta' ? [chunk.delta] : []))
      .join('');
    expect(text).toBe('Clear skies over Oslo.');
    const finish = chunks.at(-1) as ToolLoopFinishChunk;
    expect(finish).toMatchObject({ content: 'Clear skies over Oslo.', finish_reason: 'stop' });
    expect(finish.steps).toHaveLength(2);
    expect(finish.usage.total_tokens).toBe(
      finish.steps[0]!.usage.total_tokens + finish.steps[1]!.usage.total_tokens,
    );
    expect(new Set(model.calls.map((call) => call.callId))).toEqual(new Set([finish.callId]));
    const result = chunks.find((chunk) => chunk.type === 'tool-result');
    expect(result).toMatchObject({ step: 1, result: { output: { city: 'Oslo', sky: 'clear' } } });
  });

  it('ends with max_steps when the model keeps calling tools', async () => {
    simulator.current.script(
      ...endlessToolCalls({ call: { name: 'get_weather', arguments: { city: 'Oslo' } } }),
    );
    const { chunks } = await drain<ToolStreamChunk>(
      streamToolLoop(simulatedModel(simulator.current, type), request, tools(), { maxSteps: 2 }),
    );
    const finish = chunks.at(-1) as ToolLoopFinishChunk;
    expect(finish.finish_reason).toBe('max_steps');
    expect(finish.tool_calls).toHaveLength(1);
    expect(chunks.filter((chunk) => chunk.type === 'tool-result')).toHaveLength(1);
    // The unanswered call still gets a result in the history, so the conversation can go on.
    expect(finish.messages.at(-1)).toMatchObject({
      role: 'tool',
      content: expect.stringContaining('maxSteps'),
    });
  });
});

describe('streamToolLoop errors', () => {
  it('rejects a non-positive maxSteps and maxParallel before any call', async () => {
    const model = simulatedModel(simulator.current);
    const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'x' }] };
    await expect(
      drain(streamToolLoop(model, request, tools(), { maxSteps: 0 })),
    ).resolves.toMatchObject({
      error: expect.objectContaining({
        type: 'invalid_request',
        message: expect.stringContaining('maxSteps'),
      }),
    });
    await expect(
      drain(streamToolLoop(model, request, tools(), { maxParallel: 1.5 })),
    ).resolves.toMatchObject({
      error: expect.objectContaining({ message: expect.stringContaining('maxParallel') }),
    });
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('rejects with the provider error as an LLMError', async () => {
    simulator.current.script({ error: { status: 400, message: 'bad tool schema' } });
    const { error } = await drain(
      streamToolLoop(
        simulatedModel(simulator.current),
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] },
        tools(),
      ),
    );
    expect(error).toMatchObject({ type: 'invalid_request', statusCode: 400 });
  });
});
