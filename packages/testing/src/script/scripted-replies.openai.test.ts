import { describe, expect, it } from 'vitest';
import { openaiClient, sharedSimulator } from '../__tests__/clients';
import { simulatorPromptTokens } from '../answer/simulator-tokens';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);
const messages = [{ role: 'user' as const, content: 'What is the weather in Paris and Rome?' }];
const base = { model: 'gpt-4o', messages };
const withUsage = { ...base, stream: true as const, stream_options: { include_usage: true } };

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe('scripted OpenAI replies', () => {
  it('answers with the scripted text', async () => {
    simulator.script({ reply: { text: 'Sunny everywhere.' } });
    const completion = await openai.chat.completions.create(base);
    expect(completion.choices[0]?.message.content).toBe('Sunny everywhere.');
  });

  it('streams parallel tool calls with interleaved fragments that the SDK assembles whole', async () => {
    const calls = [
      { id: 'call_paris', name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
      { id: 'call_rome', name: 'get_weather', arguments: { city: 'Rome', unit: 'celsius' } },
    ];
    simulator.script({ reply: { tool_calls: calls, interleave_tool_calls: true, chunk_size: 5 } });
    const completion = await openai.chat.completions.stream(base).finalChatCompletion();
    const toolCalls = completion.choices[0]?.message.tool_calls ?? [];
    expect(
      toolCalls.map(
        (call) =>
          call.type === 'function' && [
            call.id,
            call.function.name,
            JSON.parse(call.function.arguments),
          ],
      ),
    ).toEqual(calls.map((call) => [call.id, call.name, call.arguments]));
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('alternates the tool-call indexes on the wire when interleaved', async () => {
    simulator.script({
      reply: {
        tool_calls: [
          { name: 'a', arguments: '{"x":"1234"}' },
          { name: 'b', arguments: '{"y":"5678"}' },
        ],
        interleave_tool_calls: true,
        chunk_size: 6,
      },
    });
    const chunks = await collect(await openai.chat.completions.create({ ...base, stream: true }));
    const indexes = chunks.flatMap(
      (chunk) => chunk.choices[0]?.delta.tool_calls?.map((call) => call.index) ?? [],
    );
    expect(indexes).toEqual([0, 1, 0, 1, 0, 1]);
    const named = chunks
      .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
      .filter((call) => call.function?.name);
    expect(named.map((call) => call.index)).toEqual([0, 1]);
  });

  it('reports scripted cached and reasoning tokens in the usage details', async () => {
    simulator.script({
      reply: {
        text: 'ok',
        usage: {
          prompt_tokens: 1200,
          completion_tokens: 300,
          cached_tokens: 1024,
          reasoning_tokens: 200,
        },
      },
    });
    const completion = await openai.chat.completions.create(base);
    expect(completion.usage).toMatchObject({
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
      prompt_tokens_details: { cached_tokens: 1024 },
      completion_tokens_details: { reasoning_tokens: 200 },
    });
  });

  it('fills the unscripted usage numbers from its own counting', async () => {
    simulator.script({ reply: { text: 'ok', usage: { cached_tokens: 2 } } });
    const completion = await openai.chat.completions.create(base);
    expect(completion.usage).toMatchObject({
      prompt_tokens: simulatorPromptTokens(messages),
      completion_tokens: 1,
    });
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(2);
  });

  it('omits usage from the body when usage is null', async () => {
    simulator.script({ reply: { text: 'ok', usage: null } });
    const completion = await openai.chat.completions.create(base);
    expect(completion).not.toHaveProperty('usage');
  });

  it('sends no usage chunk when usage is null, even with include_usage', async () => {
    simulator.script({ reply: { text: 'ok', usage: null } });
    const chunks = await collect(await openai.chat.completions.create(withUsage));
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks[chunks.length - 1]?.choices[0]?.finish_reason).toBe('stop');
  });

  it('streams reasoning as reasoning_content deltas before the content', async () => {
    simulator.script({ reply: { reasoning: 'Think first.', text: 'Then answer.', chunk_size: 4 } });
    const chunks = await collect(await openai.chat.completions.create({ ...base, stream: true }));
    const deltas = chunks.map(
      (chunk) => chunk.choices[0]?.delta as Record<string, string> | undefined,
    );
    expect(deltas.map((delta) => delta?.['reasoning_content'] ?? '').join('')).toBe('Think first.');
    expect(deltas.map((delta) => delta?.['content'] ?? '').join('')).toBe('Then answer.');
    const lastReasoning = deltas.findLastIndex(
      (delta) => delta?.['reasoning_content'] !== undefined,
    );
    const firstContent = deltas.findIndex((delta) => delta?.['content']);
    expect(lastReasoning).toBeLessThan(firstContent);
  });

  it('sends text deltas of chunk_size characters', async () => {
    simulator.script({ reply: { text: 'abcdefghij', chunk_size: 3 } });
    const chunks = await collect(await openai.chat.completions.create({ ...base, stream: true }));
    const pieces = chunks.map((chunk) => chunk.choices[0]?.delta.content).filter((piece) => piece);
    expect(pieces).toEqual(['abc', 'def', 'ghi', 'j']);
  });

  it('sends a scripted finish reason, translating Anthropic words', async () => {
    simulator.script(
      { reply: { text: 'cut', finish_reason: 'max_tokens' } },
      { reply: { text: 'x', finish_reason: 'content_filter' } },
    );
    expect((await openai.chat.completions.create(base)).choices[0]?.finish_reason).toBe('length');
    expect((await openai.chat.completions.create(base)).choices[0]?.finish_reason).toBe(
      'content_filter',
    );
  });

  it('keeps the echo text when a reply scripts only the usage', async () => {
    simulator.script({ reply: { usage: { prompt_tokens: 5 } } });
    const completion = await openai.chat.completions.create(base);
    expect(completion.choices[0]?.message.content).toBe(messages[0]?.content);
    expect(completion.usage?.prompt_tokens).toBe(5);
  });

  it('answers `times` requests with one step, then returns to the echo', async () => {
    simulator.script({ reply: { text: 'scripted' }, times: 2 });
    const answers = [];
    for (let index = 0; index < 3; index += 1)
      answers.push((await openai.chat.completions.create(base)).choices[0]?.message.content);
    expect(answers).toEqual(['scripted', 'scripted', messages[0]?.content]);
    expect(simulator.pendingSteps()).toBe(0);
  });

  it('lets a request take the first step that matches its model', async () => {
    simulator.script(
      { match: { model: 'gpt-4.1' }, reply: { text: 'for 4.1' } },
      { reply: { text: 'for anyone' } },
    );
    expect((await openai.chat.completions.create(base)).choices[0]?.message.content).toBe(
      'for anyone',
    );
    expect(
      (await openai.chat.completions.create({ ...base, model: 'gpt-4.1' })).choices[0]?.message
        .content,
    ).toBe('for 4.1');
  });

  it('reports a scripted model name', async () => {
    simulator.script({ reply: { text: 'x', model: 'gpt-4o-2024-08-06' } });
    expect((await openai.chat.completions.create(base)).model).toBe('gpt-4o-2024-08-06');
  });
});
