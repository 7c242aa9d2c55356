import { assistantMessageFrom, type LLMMessage, type LLMRequest } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './__tests__/use-simulator';
import { claudeTestProvider, collectStream } from './__tests__/claude-test-provider';
import {
  expectedFromMessage,
  expectedFromStream,
  readWireEvents,
  readWireJson,
} from './__tests__/wire-fixtures';

const simulator = useSimulator();

const THINKING_MESSAGE = 'anthropic/anthropic-claude-opus-5-reasoning-high.1.json';
const THINKING_STREAM = 'anthropic/anthropic-clear-thinking.1.sse';
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};
const question: LLMMessage = { role: 'user', content: 'Weather in Oslo?' };
const thinkingRequest = (messages: LLMMessage[]): LLMRequest => ({
  model: 'claude-sonnet-5-5',
  max_tokens: 4096,
  tools: [weatherTool],
  extra_body: { thinking: { type: 'enabled', budget_tokens: 2048 } },
  messages,
});
const sentMessages = () =>
  (simulator.current.requests.at(-1)?.body as { messages: unknown[] }).messages;

describe('thinking blocks of recorded Claude answers', () => {
  it('returns the thinking blocks of a recorded message exactly as recorded', async () => {
    const expected = expectedFromMessage(readWireJson(THINKING_MESSAGE)).thinkingBlocks;
    expect(expected.length).toBeGreaterThan(0);
    simulator.current.script({ replay: THINKING_MESSAGE });
    const response = await claudeTestProvider(simulator.current).chatCompletion(
      thinkingRequest([question]),
    );
    expect(response.thinking_blocks).toEqual(expected);
  });

  it('assembles the thinking blocks of a recorded stream onto the finish chunk', async () => {
    const expected = expectedFromStream(readWireEvents(THINKING_STREAM)).thinkingBlocks;
    expect(expected.length).toBeGreaterThan(0);
    simulator.current.script({ replay: THINKING_STREAM });
    const collected = await collectStream(
      claudeTestProvider(simulator.current).streamCompletion(thinkingRequest([question])),
    );
    const finish = collected.chunks.at(-1);
    expect(finish?.type === 'finish' && finish.thinking_blocks).toEqual(expected);
  });
});

describe('thinking blocks passed back in a later turn', () => {
  it('sends an assistant turn with thinking and tool calls as exactly [thinking…, tool_use…]', async () => {
    const thinking = [
      { type: 'thinking' as const, thinking: 'I should look it up.', signature: 'c2lnLW9uZQ==' },
      { type: 'redacted_thinking' as const, data: 'ZW5jcnlwdGVk' },
    ];
    await claudeTestProvider(simulator.current).chatCompletion(
      thinkingRequest([
        question,
        {
          role: 'assistant',
          content: null,
          thinking_blocks: thinking,
          tool_calls: [
            {
              id: 'toolu_o',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_o', content: '4°C, snow' },
      ]),
    );
    expect(sentMessages()).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
      {
        role: 'assistant',
        content: [
          ...thinking,
          { type: 'tool_use', id: 'toolu_o', name: 'get_weather', input: { city: 'Oslo' } },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_o', content: '4°C, snow' }],
      },
    ]);
  });

  it('round-trips a recorded thinking answer through assistantMessageFrom', async () => {
    const recorded = readWireJson(THINKING_MESSAGE)['content'];
    simulator.current.script({ replay: THINKING_MESSAGE });
    const provider = claudeTestProvider(simulator.current);
    const first = await provider.chatCompletion(thinkingRequest([question]));
    await provider.chatCompletion(
      thinkingRequest([question, assistantMessageFrom(first), { role: 'user', content: 'Sure?' }]),
    );
    expect(sentMessages()[1]).toEqual({ role: 'assistant', content: recorded });
  });

  it('round-trips thinking and a tool call answered by the API through a second request', async () => {
    simulator.current.script({
      reply: {
        reasoning: 'Oslo weather needs the tool.',
        tool_calls: [{ id: 'toolu_w', name: 'get_weather', arguments: { city: 'Oslo' } }],
      },
    });
    const provider = claudeTestProvider(simulator.current);
    const first = await provider.chatCompletion(thinkingRequest([question]));
    expect(first.thinking_blocks).toEqual([
      {
        type: 'thinking',
        thinking: 'Oslo weather needs the tool.',
        signature: expect.stringMatching(/.+/),
      },
    ]);
    await provider.chatCompletion(
      thinkingRequest([
        question,
        assistantMessageFrom(first),
        { role: 'tool', tool_call_id: 'toolu_w', content: '4°C' },
      ]),
    );
    expect(sentMessages()[1]).toEqual({
      role: 'assistant',
      content: [
        ...(first.thinking_blocks ?? []),
        { type: 'tool_use', id: 'toolu_w', name: 'get_weather', input: { city: 'Oslo' } },
      ],
    });
  });
});
