import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMError } from '@llm/core';
import { ToolManager } from '@llm/tools';
import {
  drain,
  endlessToolCalls,
  invalidThenCorrectedToolCall,
  toolCallsThenAnswer,
} from '@llm/testing';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';
import {
  AGENT_TARGETS,
  agentToml,
  bodies,
  collectRecords,
  ledgerCostSum,
} from './__tests__/agent-targets';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function weatherTools(calls: { name: string; args: unknown; callId: string; step: number }[]) {
  return new ToolManager()
    .register({
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: z.object({ city: z.string() }),
      execute: async (args, context) => {
        calls.push({ name: 'get_weather', args, callId: context.callId, step: context.step });
        return { city: args.city, sky: 'sunny', celsius: 21 };
      },
    })
    .register({
      name: 'get_time',
      description: 'The local time in a city',
      parameters: z.object({ city: z.string() }),
      execute: (args, context) => {
        calls.push({ name: 'get_time', args, callId: context.callId, step: context.step });
        return '14:05';
      },
    });
}

describe.each(AGENT_TARGETS)('callWithTools on $label', (target) => {
  const request = {
    provider: target.provider,
    model: target.model,
    max_tokens: 256,
    messages: [{ role: 'user' as const, content: 'Weather and time in Paris?' }],
  };

  it('runs two parallel tool calls, sends both results back and answers in two steps, summed exactly', async () => {
    fixture = await startManagerFixture({ extraToml: agentToml });
    const records = collectRecords(fixture.manager);
    fixture.simulator.script(
      ...toolCallsThenAnswer({
        calls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_time', arguments: { city: 'Paris' } },
        ],
        answer: 'Sunny, 21°C, and it is 14:05 in Paris.',
      }),
    );
    const calls: { name: string; args: unknown; callId: string; step: number }[] = [];
    const result = await fixture.manager.callWithTools(request, weatherTools(calls));

    expect(result.content).toBe('Sunny, 21°C, and it is 14:05 in Paris.');
    expect(result.finish_reason).toBe('stop');
    expect(result.steps).toHaveLength(2);
    expect(
      calls
        .map(({ name, args, step }) => ({ name, args, step }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: 'get_time', args: { city: 'Paris' }, step: 1 },
      { name: 'get_weather', args: { city: 'Paris' }, step: 1 },
    ]);
    expect(new Set(calls.map((call) => call.callId))).toEqual(new Set([result.callId]));

    // Both results went back in the provider's own format.
    const second = bodies(fixture.simulator, target.protocol)[1]!;
    const [weatherCall, timeCall] = result.steps[0]!.tool_calls;
    if (target.protocol === 'openai') {
      expect(second.messages.slice(-2)).toEqual([
        {
          role: 'tool',
          tool_call_id: weatherCall!.id,
          content: '{"city":"Paris","sky":"sunny","celsius":21}',
        },
        { role: 'tool', tool_call_id: timeCall!.id, content: '14:05' },
      ]);
    } else {
      expect(second.messages.at(-1)).toEqual({
        role: 'user',
        content: [
          expect.objectContaining({
            type: 'tool_result',
            tool_use_id: weatherCall!.id,
            content: '{"city":"Paris","sky":"sunny","celsius":21}',
          }),
          expect.objectContaining({
            type: 'tool_result',
            tool_use_id: timeCall!.id,
            content: '14:05',
          }),
        ],
      });
    }

    // The ledger: two records sharing the loop's call_id; usage and cost are their exact sums.
    expect(records).toHaveLength(2);
    expect(records.map((record) => record.call_id)).toEqual([result.callId, result.callId]);
    const [one, two] = result.steps.map((step) => step.usage);
    expect(result.usage).toMatchObject({
      prompt_tokens: one!.prompt_tokens + two!.prompt_tokens,
      completion_tokens: one!.completion_tokens + two!.completion_tokens,
      total_tokens: one!.total_tokens + two!.total_tokens,
    });
    expect(result.cost).toBeGreaterThan(0);
    expect(result.cost).toBe(ledgerCostSum(records));
    expect(result.usage.cost).toBe(result.cost);
  });

  it('feeds arguments that break the schema back as an error result; the corrected call succeeds', async () => {
    fixture = await startManagerFixture({ extraToml: agentToml });
    fixture.simulator.script(
      ...invalidThenCorrectedToolCall({
        name: 'get_weather',
        invalid: { town: 'Paris' },
        corrected: { city: 'Paris' },
        answer: 'Sunny in Paris.',
      }),
    );
    const calls: { name: string; args: unknown; callId: string; step: number }[] = [];
    const result = await fixture.manager.callWithTools(request, weatherTools(calls));

    expect(result.content).toBe('Sunny in Paris.');
    expect(result.steps).toHaveLength(3);
    const rejected = result.steps[0]!.tool_results[0]!;
    expect(rejected.error).toMatchObject({ kind: 'invalid_arguments' });
    expect(rejected.error!.message).toContain('city');
    expect(calls).toEqual([
      expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' }, step: 2 }),
    ]);
    const sent = JSON.stringify(bodies(fixture.simulator, target.protocol)[1]!.messages);
    expect(sent).toContain('Invalid arguments for tool');
    expect(sent).toContain('city: Invalid input');
  });

  it('stops a model that never stops calling tools at maxSteps, saying so', async () => {
    fixture = await startManagerFixture({ extraToml: agentToml });
    const records = collectRecords(fixture.manager);
    fixture.simulator.script(
      ...endlessToolCalls({ call: { name: 'get_time', arguments: { city: 'Paris' } } }),
    );
    const calls: { name: string; args: unknown; callId: string; step: number }[] = [];
    const result = await fixture.manager.callWithTools(request, weatherTools(calls), {
      maxSteps: 3,
    });

    expect(result.finish_reason).toBe('max_steps');
    expect(result.steps).toHaveLength(3);
    expect(calls).toHaveLength(2);
    expect(result.tool_calls).toHaveLength(1);
    expect(records).toHaveLength(3);
  });
});

describe("callWithTools: today's one-call behaviour and the loop's options", () => {
  const request = {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user' as const, content: 'What time is it?' }],
  };

  it('makes one call with LLMTools and returns its tool calls', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { tool_calls: [{ name: 'get_time', arguments: {} }] } });
    const response = await fixture.manager.callWithTools(request, [
      {
        type: 'function',
        function: { name: 'get_time', parameters: { type: 'object', properties: {} } },
      },
    ]);
    expect(response.tool_calls.map((call) => call.function.name)).toEqual(['get_time']);
    expect(fixture.simulator.requests).toHaveLength(1);
  });

  it('returns the calls of tools without execute to the caller after one call', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { tool_calls: [{ name: 'get_time', arguments: {} }] } });
    const result = await fixture.manager.callWithTools(request, [
      { name: 'get_time', description: 'The time' },
    ]);
    expect(result.finish_reason).toBe('tool_calls');
    expect(result.tool_calls.map((call) => call.function.name)).toEqual(['get_time']);
    expect(result.steps).toHaveLength(1);
  });

  it('aborts the running tool and the loop with an aborted LLMError', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { tool_calls: [{ name: 'slow', arguments: {} }] } });
    const controller = new AbortController();
    const tools = new ToolManager().register({
      name: 'slow',
      execute: (_args, { signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason));
          controller.abort();
        }),
    });
    const error = await fixture.manager
      .callWithTools(request, tools, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(LLMError.is(error) && error.details?.['aborted']).toBe(true);
  });

  it('calls onStep after each step and applies toolChoice per step', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script(
      ...toolCallsThenAnswer({
        calls: [{ name: 'get_time', arguments: { city: 'Oslo' } }],
        answer: 'Noon.',
      }),
    );
    const seen: number[] = [];
    const result = await fixture.manager.callWithTools(request, weatherTools([]), {
      onStep: (step) => {
        seen.push(step.step);
      },
      toolChoice: (step) => (step === 1 ? 'required' : 'auto'),
      maxParallel: 1,
    });
    expect(seen).toEqual([1, 2]);
    expect(result.content).toBe('Noon.');
    const sent = bodies(fixture.simulator, 'openai');
    expect(sent.map((body) => body.tool_choice)).toEqual(['required', 'auto']);
  });

  it("streams the loop through the manager, each step recorded under the loop's call id", async () => {
    fixture = await startManagerFixture();
    const records = collectRecords(fixture.manager);
    fixture.simulator.script(
      ...toolCallsThenAnswer({
        calls: [{ name: 'get_time', arguments: { city: 'Oslo' } }],
        answer: 'Noon.',
      }),
    );
    const { chunks } = await drain(
      fixture.manager.streamWithTools(request, [...weatherTools([]).list()], {
        tags: { feature: 'agent' },
      }),
    );
    const finish = chunks.at(-1);
    expect(finish).toMatchObject({ type: 'finish', content: 'Noon.', finish_reason: 'stop' });
    const callId = (finish as { callId: string }).callId;
    expect(records.map((record) => [record.call_id, record.stream, record.tags])).toEqual([
      [callId, true, { feature: 'agent' }],
      [callId, true, { feature: 'agent' }],
    ]);
  });

  it("passes a one-call request's call id and tags to its ledger record", async () => {
    fixture = await startManagerFixture();
    const records = collectRecords(fixture.manager);
    await fixture.manager.callWithTools(
      request,
      [{ type: 'function', function: { name: 'get_time' } }],
      { callId: 'my-call', tags: { team: 'a' } },
    );
    expect(records).toEqual([expect.objectContaining({ call_id: 'my-call', tags: { team: 'a' } })]);
  });

  it('rejects a loop on a provider that is not configured with the routing error', async () => {
    fixture = await startManagerFixture();
    await expect(
      fixture.manager.generateObject({
        ...request,
        provider: 'nowhere',
        schema: z.object({ a: z.string() }),
      }),
    ).rejects.toMatchObject({
      type: 'invalid_request',
      message: expect.stringContaining('"nowhere"'),
    });
  });
});
