import { describe, expect, it } from 'vitest';
import type OpenAI from 'openai';
import { anthropicClient, openaiClient, sharedSimulator } from '../__tests__/clients';
import {
  endlessToolCalls,
  invalidThenCorrectedToolCall,
  invalidThenRepairedJson,
  toolCallsThenAnswer,
} from './tool-conversations';

const simulator = await sharedSimulator();
/** The arguments of a function tool call (the SDK's union also holds custom tool calls). */
const functionOf = (call: OpenAI.Chat.Completions.ChatCompletionMessageToolCall | undefined) =>
  (call as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall).function;
const openai = openaiClient(simulator);
const anthropic = anthropicClient(simulator);
const question = [{ role: 'user' as const, content: 'Weather and time in Paris?' }];

describe('scripted tool conversations', () => {
  it('answers parallel tool calls, then the final text, on OpenAI', async () => {
    simulator.script(
      ...toolCallsThenAnswer({
        calls: [
          { id: 'call_w', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'call_t', name: 'get_time', arguments: { city: 'Paris' } },
        ],
        answer: 'Sunny, 14:00.',
      }),
    );
    const first = await openai.chat.completions.create({ model: 'gpt-4o', messages: question });
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(first.choices[0]!.message.tool_calls?.map((call) => call.id)).toEqual([
      'call_w',
      'call_t',
    ]);
    const second = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        ...question,
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: 'call_w', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_t', content: '14:00' },
      ],
    });
    expect(second.choices[0]!.message.content).toBe('Sunny, 14:00.');
    expect(simulator.pendingSteps()).toBe(0);
  });

  it('answers parallel tool_use blocks, then the final text, on Anthropic', async () => {
    simulator.script(
      ...toolCallsThenAnswer({
        calls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_time', arguments: { city: 'Paris' } },
        ],
        answer: 'Sunny, 14:00.',
      }),
    );
    const request = { model: 'claude-haiku-4-5', max_tokens: 256, messages: question };
    const first = await anthropic.messages.create(request);
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content.filter((block) => block.type === 'tool_use')).toHaveLength(2);
    const second = await anthropic.messages.create(request);
    expect(second.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Sunny, 14:00.' }),
    ]);
  });

  it('keeps calling a tool, each time with a fresh id', async () => {
    simulator.script(...endlessToolCalls({ call: { id: 'fixed', name: 'search', arguments: {} } }));
    const ids = new Set<string>();
    for (let index = 0; index < 3; index++) {
      const answer = await openai.chat.completions.create({ model: 'gpt-4o', messages: question });
      ids.add(answer.choices[0]!.message.tool_calls![0]!.id);
    }
    expect(ids.size).toBe(3);
    expect(simulator.pendingSteps()).toBe(1);
  });

  it('sends an invalid call, the corrected call, then the answer', async () => {
    simulator.script(
      ...invalidThenCorrectedToolCall({
        name: 'get_weather',
        invalid: { town: 'Paris' },
        corrected: { city: 'Paris' },
        answer: 'Sunny.',
      }),
    );
    const calls = [];
    for (let index = 0; index < 2; index++) {
      const answer = await openai.chat.completions.create({ model: 'gpt-4o', messages: question });
      calls.push(JSON.parse(functionOf(answer.choices[0]!.message.tool_calls![0]).arguments));
    }
    expect(calls).toEqual([{ town: 'Paris' }, { city: 'Paris' }]);
    const last = await openai.chat.completions.create({ model: 'gpt-4o', messages: question });
    expect(last.choices[0]!.message.content).toBe('Sunny.');
  });

  it('answers invalid JSON then the repaired object, as text or as a forced tool call', async () => {
    simulator.script(
      ...invalidThenRepairedJson({
        invalid: '{"name": "Ada", ',
        repaired: { name: 'Ada', age: 36 },
      }),
      ...invalidThenRepairedJson({
        invalid: { name: 'Ada' },
        repaired: { name: 'Ada', age: 36 },
        as: 'tool',
        toolName: 'person',
      }),
    );
    const text = async () =>
      (await openai.chat.completions.create({ model: 'gpt-4o', messages: question })).choices[0]!
        .message;
    expect((await text()).content).toBe('{"name": "Ada", ');
    expect(JSON.parse((await text()).content!)).toEqual({ name: 'Ada', age: 36 });
    expect(functionOf((await text()).tool_calls![0])).toEqual({
      name: 'person',
      arguments: '{"name":"Ada"}',
    });
    expect(JSON.parse(functionOf((await text()).tool_calls![0]).arguments)).toEqual({
      name: 'Ada',
      age: 36,
    });
  });

  it('answers only the requests its match names, and scripted usage on every reply', async () => {
    simulator.script(
      ...toolCallsThenAnswer({
        match: { model: 'gpt-4o-mini' },
        usage: { prompt_tokens: 10, completion_tokens: 2 },
        calls: [{ name: 'get_time', arguments: {} }],
        answer: 'Noon.',
      }),
    );
    const other = await openai.chat.completions.create({ model: 'gpt-4o', messages: question });
    expect(other.choices[0]!.message.content).toBe('Weather and time in Paris?');
    const first = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: question,
    });
    expect(first.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 2 });
    expect(simulator.pendingSteps()).toBe(1);
  });
});
