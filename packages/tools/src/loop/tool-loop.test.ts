import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolCallsThenAnswer } from '@llm/testing';
import { simulatedModel, useSimulator } from '../__tests__/simulated-model';
import { ToolManager } from '../tools/tool-manager';
import { loopError, runToolLoop } from './tool-loop';

const simulator = useSimulator();

describe('runToolLoop', () => {
  it("keeps the request's own tools offered, a registered tool replacing one of the same name", async () => {
    simulator.current.script(
      ...toolCallsThenAnswer({
        calls: [{ name: 'lookup', arguments: { id: 1 } }],
        answer: 'Found.',
      }),
    );
    const tools = new ToolManager().register({
      name: 'lookup',
      parameters: z.object({ id: z.number() }),
      execute: ({ id }) => `record ${id}`,
    });
    const result = await runToolLoop(
      simulatedModel(simulator.current),
      {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Find 1' }],
        tools: [
          { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } },
          { type: 'function', function: { name: 'other', parameters: { type: 'object' } } },
        ],
      },
      tools,
      { tags: { feature: 'agent' } },
    );
    expect(result.content).toBe('Found.');
    const sent = simulator.current.requests[0]!.body as {
      tools: { function: { name: string; parameters: unknown } }[];
    };
    expect(sent.tools.map((tool) => tool.function.name)).toEqual(['other', 'lookup']);
    expect(sent.tools[1]!.function.parameters).toMatchObject({ required: ['id'] });
    expect(result.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
  });

  it('makes an LLMError of anything a loop fails with, an abort as aborted', () => {
    const controller = new AbortController();
    expect(loopError(new Error('boom'), controller.signal)).toMatchObject({
      type: 'unknown',
      message: 'boom',
    });
    controller.abort();
    expect(loopError(new Error('stopped'), controller.signal).details).toEqual({ aborted: true });
  });
});
