import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { estimateMessageTokens, isTiktokenLoaded, type LLMMessage } from '@llm/core';
import { drain } from '@llm/testing';
import { simulatedModel, useSimulator } from '../__tests__/simulated-model';
import { ToolManager } from '../tools/tool-manager';
import { Conversation } from './conversation';

const simulator = useSimulator();
const sentMessages = (index: number) =>
  (simulator.current.requests[index]!.body as { messages: LLMMessage[] }).messages;

/** Every tool message follows the assistant message that made its call. */
function toolCallsKeepTheirResults(messages: readonly LLMMessage[]): boolean {
  return messages.every((message, index) => {
    if (message.role !== 'tool') return true;
    const owner = messages
      .slice(0, index)
      .reverse()
      .find((earlier) => earlier.role !== 'tool');
    return (
      owner?.role === 'assistant' &&
      (owner.tool_calls ?? []).some((call) => call.id === message.tool_call_id)
    );
  });
}

describe('Conversation', () => {
  it('keeps the system prompt and kept messages, pairs tool calls with results, and stays in the window over 50 turns', async () => {
    const tools = new ToolManager().register({
      name: 'lookup',
      parameters: z.object({ n: z.number() }),
      execute: ({ n }) => `fact number ${n} is ${'x'.repeat(40)}`,
    });
    const conversation = new Conversation(simulatedModel(simulator.current), {
      model: 'gpt-4o',
      system: 'You are a terse assistant.',
      tools,
      maxContextTokens: 400,
      maxOutputTokens: 60,
    });
    const budget = conversation.promptBudget()!;
    expect(budget).toBe(340);
    for (let turn = 1; turn <= 50; turn++) {
      if (turn % 5 === 0) {
        simulator.current.script(
          { reply: { tool_calls: [{ name: 'lookup', arguments: { n: turn } }] } },
          { reply: { text: `Looked up ${turn}.` } },
        );
      }
      const keep = turn === 3;
      await conversation.send(
        keep
          ? 'Remember: my name is Ada.'
          : `Turn ${turn}: tell me something about the number ${turn}.`,
        { keep },
      );
    }
    const requests = simulator.current.requests.length;
    expect(requests).toBe(60);
    for (let index = 0; index < requests; index++) {
      const messages = sentMessages(index);
      expect(messages[0]).toEqual({ role: 'system', content: 'You are a terse assistant.' });
      expect(toolCallsKeepTheirResults(messages)).toBe(true);
      // What the conversation fitted (the first request of each turn) stays within the budget.
      if (messages.at(-1)!.role === 'user') {
        expect(conversation.countTokens(messages)).toBeLessThanOrEqual(budget);
      }
      if (index > 2) expect(JSON.stringify(messages)).toContain('Remember: my name is Ada.');
    }
    // Old turns were dropped: the last request does not hold the first question.
    expect(JSON.stringify(sentMessages(requests - 1))).not.toContain('Turn 1:');
    expect(conversation.usage.total_tokens).toBeGreaterThan(0);
    expect(JSON.stringify(sentMessages(requests - 1))).not.toContain('"keep"');
  }, 30_000);

  it('counts tokens with tiktoken for OpenAI models, as the core estimator does', () => {
    const conversation = new Conversation(simulatedModel(simulator.current), { model: 'gpt-4o' });
    const messages: LLMMessage[] = [{ role: 'user', content: 'How many tokens is this?' }];
    expect(conversation.countTokens(messages)).toBe(
      estimateMessageTokens(messages, { model: 'gpt-4o' }).tokens,
    );
    expect(isTiktokenLoaded('o200k_base')).toBe(true);
  });

  it('truncates the longest old messages with the truncate strategy', async () => {
    const conversation = new Conversation(simulatedModel(simulator.current), {
      model: 'gpt-4o',
      maxContextTokens: 600,
      maxOutputTokens: 100,
      strategy: 'truncate',
    });
    await conversation.send(`The long story: ${'once upon a time '.repeat(120)}`);
    await conversation.send('And then?');
    const second = sentMessages(1);
    expect(second).toHaveLength(3);
    expect(second.some((message) => /…\[truncated\]$/.test(message.content as string))).toBe(true);
    expect(conversation.countTokens(second)).toBeLessThanOrEqual(500);
    expect(second[2]).toEqual({ role: 'user', content: 'And then?' });
  });

  it('replaces old turns with a summary from the summary model, counting its usage', async () => {
    const model = simulatedModel(simulator.current);
    const conversation = new Conversation(model, {
      model: 'gpt-4o',
      system: 'Be helpful.',
      maxContextTokens: 260,
      maxOutputTokens: 60,
      strategy: 'summarize',
      summaryModel: { model: 'gpt-4o-mini' },
    });
    simulator.current.script({
      match: { model: 'gpt-4o-mini' },
      times: Infinity,
      reply: { text: 'The user made several points.' },
    });
    for (let turn = 1; turn <= 6; turn++) {
      await conversation.send(`Point ${turn}: ${'detail '.repeat(20)}`);
    }
    const summaryRequests = simulator.current.requests.filter(
      (request) => (request.body as { model: string }).model === 'gpt-4o-mini',
    );
    expect(summaryRequests.length).toBeGreaterThan(1);
    // A later summary takes in the earlier one: there is only ever one summary message.
    expect(JSON.stringify(summaryRequests.at(-1)!.body)).toContain('The user made several points.');
    const last = sentMessages(simulator.current.requests.length - 1);
    expect(last[0]).toEqual({ role: 'system', content: 'Be helpful.' });
    expect(last[1]).toEqual({
      role: 'system',
      content: 'Summary of the earlier conversation: The user made several points.',
    });
    expect(conversation.countTokens(last)).toBeLessThanOrEqual(200);
    expect(conversation.messages[1]!.content).toContain('Summary of the earlier conversation');
    expect(conversation.messages.filter((message) => message.role === 'system')).toHaveLength(2);
  });

  it('refuses a turn whose kept messages do not fit, with a token_limit error', async () => {
    const conversation = new Conversation(simulatedModel(simulator.current), {
      model: 'gpt-4o',
      maxContextTokens: 80,
      maxOutputTokens: 40,
    });
    await expect(conversation.send('word '.repeat(100))).rejects.toMatchObject({
      type: 'token_limit',
      code: 'context_window_exceeded',
    });
    expect(simulator.current.requests).toHaveLength(0);
  });

  it("uses the model's context window by default, and sends unfitted when none is known", async () => {
    const known = new Conversation(
      simulatedModel(simulator.current, 'openai', { contextWindow: 8000 }),
      {
        model: 'gpt-4o',
        request: { max_tokens: 500 },
      },
    );
    expect(known.promptBudget()).toBe(7500);
    const unknown = new Conversation(simulatedModel(simulator.current), { model: 'gpt-4o' });
    expect(unknown.promptBudget()).toBeUndefined();
    const reply = await unknown.send('Hello there');
    expect(reply.content).toBe('Hello there');
    expect(
      (simulator.current.requests[0]!.body as { max_tokens?: number }).max_tokens,
    ).toBeUndefined();
  });

  it('forks into an independent copy and round-trips through toJSON / fromJSON', async () => {
    const model = simulatedModel(simulator.current);
    const conversation = new Conversation(model, { model: 'gpt-4o', system: 'Hi.' });
    await conversation.send('first', { keep: true });
    const fork = conversation.fork();
    await fork.send('only in the fork');
    expect(conversation.messages).toHaveLength(3);
    expect(fork.messages).toHaveLength(5);
    const saved = JSON.parse(JSON.stringify(fork.toJSON()));
    const restored = Conversation.fromJSON(model, saved);
    expect(restored.messages).toEqual(fork.messages);
    expect(restored.usage).toEqual(fork.usage);
    expect(saved.entries[1]).toMatchObject({ keep: true });
    expect(() => Conversation.fromJSON(model, { kind: 'other' } as never)).toThrow(
      /not a conversation/,
    );
  });

  it('streams an answer and records it in the history, with and without tools', async () => {
    const conversation = new Conversation(simulatedModel(simulator.current), { model: 'gpt-4o' });
    const { chunks } = await drain(conversation.stream([{ type: 'text', text: 'stream me' }]));
    expect(chunks.at(-1)).toMatchObject({ type: 'finish' });
    expect(conversation.messages.at(-1)).toEqual({ role: 'assistant', content: 'stream me' });

    const withTools = new Conversation(simulatedModel(simulator.current), {
      model: 'gpt-4o',
      tools: [{ name: 'now', execute: () => '12:00' }],
    });
    simulator.current.script(
      { reply: { tool_calls: [{ name: 'now', arguments: {} }] } },
      { reply: { text: 'Noon.' } },
    );
    const streamed = await drain(withTools.stream('time?'));
    expect(streamed.chunks.at(-1)).toMatchObject({ type: 'finish', content: 'Noon.' });
    expect(withTools.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
  });

  it('refuses bad options and bad input with invalid_request errors', () => {
    const model = simulatedModel(simulator.current);
    expect(() => new Conversation(model, { model: '' })).toThrow(/model must be/);
    expect(() => new Conversation(model, { model: 'm', maxContextTokens: 0 })).toThrow(
      /maxContextTokens must be/,
    );
    expect(() => new Conversation(model, { model: 'm', strategy: 'forget' as never })).toThrow(
      /strategy must be/,
    );
    const conversation = new Conversation(model, { model: 'm' });
    return expect(conversation.send(42 as never)).rejects.toThrow(/must be a string/);
  });
});
