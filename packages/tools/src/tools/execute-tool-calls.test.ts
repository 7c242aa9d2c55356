import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LLMToolCall } from '@llm/core';
import { executeToolCalls, toolMessages } from './execute-tool-calls';
import { ToolManager } from './tool-manager';

const call = (id: string, name: string, args: string): LLMToolCall => ({
  id,
  type: 'function',
  function: { name, arguments: args },
});
const options = { signal: new AbortController().signal, callId: 'loop-1', step: 1 };

describe('executeToolCalls', () => {
  it('runs at most maxParallel tools at once and keeps the results in call order', async () => {
    let running = 0;
    let most = 0;
    const tools = new ToolManager().register({
      name: 'work',
      parameters: z.object({ n: z.number() }),
      execute: async ({ n }) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return n * 2;
      },
    });
    const calls = [1, 2, 3, 4, 5].map((n) => call(`c${n}`, 'work', JSON.stringify({ n })));
    const results = await executeToolCalls(tools, calls, { ...options, maxParallel: 2 });
    expect(most).toBe(2);
    expect(results.map((result) => [result.toolCallId, result.output, result.content])).toEqual([
      ['c1', 2, '2'],
      ['c2', 4, '4'],
      ['c3', 6, '6'],
      ['c4', 8, '8'],
      ['c5', 10, '10'],
    ]);
  });

  it('hands execute the loop id, the step and the tool call id', async () => {
    const seen: unknown[] = [];
    const tools = new ToolManager().register({
      name: 'probe',
      execute: (_args, context) => {
        seen.push({ callId: context.callId, step: context.step, toolCallId: context.toolCallId });
        return undefined;
      },
    });
    const [result] = await executeToolCalls(tools, [call('t1', 'probe', '')], {
      ...options,
      step: 3,
    });
    expect(seen).toEqual([{ callId: 'loop-1', step: 3, toolCallId: 't1' }]);
    expect(result!.content).toBe('');
  });

  it('turns an unknown tool, bad JSON, invalid arguments and a throwing tool into error results', async () => {
    const tools = new ToolManager()
      .register({
        name: 'get_weather',
        parameters: z.object({ city: z.string() }),
        execute: () => 'ok',
      })
      .register({
        name: 'broken',
        execute: () => {
          throw new Error('disk full');
        },
      });
    const results = await executeToolCalls(
      tools,
      [
        call('a', 'get_wether', '{}'),
        call('b', 'get_weather', '{"city":'),
        call('c', 'get_weather', '{"city":3}'),
        call('d', 'broken', '{}'),
      ],
      options,
    );
    expect(results.map((result) => result.error?.kind)).toEqual([
      'unknown_tool',
      'invalid_arguments',
      'invalid_arguments',
      'execution_failed',
    ]);
    expect(results[0]!.error!.message).toContain('did you mean "get_weather"?');
    expect(results[1]!.error!.message).toContain('not valid JSON');
    expect(results[2]!.error!.message).toContain('city:');
    expect(JSON.parse(results[3]!.content)).toEqual({ error: 'Tool "broken" failed: disk full' });
    expect(toolMessages(results).map((message) => message.tool_call_id)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('sends an object result as JSON and a result that cannot be serialised as text', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const tools = new ToolManager()
      .register({ name: 'obj', execute: () => ({ a: 1 }) })
      .register({ name: 'loop', execute: () => circular })
      .register({
        name: 'fails',
        execute: () => {
          throw 'plain';
        },
      });
    const results = await executeToolCalls(
      tools,
      [call('1', 'obj', '{}'), call('2', 'loop', '{}'), call('3', 'fails', '{}')],
      options,
    );
    expect(results.map((result) => result.content)).toEqual([
      '{"a":1}',
      '[object Object]',
      '{"error":"Tool \\"fails\\" failed: plain"}',
    ]);
  });

  it('gives a call of a tool without execute an error result', async () => {
    const tools = new ToolManager().register({ name: 'client_side' });
    const [result] = await executeToolCalls(tools, [call('1', 'client_side', '{}')], options);
    expect(result!.error).toMatchObject({
      kind: 'execution_failed',
      message: expect.stringContaining('no execute'),
    });
  });

  it('rejects when the loop is aborted, instead of sending the abort to the model', async () => {
    const controller = new AbortController();
    const tools = new ToolManager().register({
      name: 'slow',
      execute: () => {
        controller.abort();
        throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      },
    });
    await expect(
      executeToolCalls(tools, [call('1', 'slow', '{}')], { ...options, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
