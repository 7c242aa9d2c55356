import { describe, expect, it } from 'vitest';
import { anthropicClient, sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();
const anthropic = anthropicClient(simulator);
const request = {
  model: 'claude-haiku-4-5',
  max_tokens: 512,
  messages: [{ role: 'user' as const, content: 'Weather in Paris?' }],
};

describe('scripted Anthropic replies', () => {
  it('streams thinking with a signature, text and a tool_use block the SDK assembles', async () => {
    simulator.script({
      reply: {
        reasoning: 'The user wants the weather.',
        text: 'Let me check.',
        tool_calls: [{ id: 'toolu_01paris', name: 'get_weather', arguments: { city: 'Paris' } }],
        chunk_size: 5,
      },
    });
    const message = await anthropic.messages.stream(request).finalMessage();
    expect(message.content).toMatchObject([
      {
        type: 'thinking',
        thinking: 'The user wants the weather.',
        signature: expect.stringMatching(/.+/),
      },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'toolu_01paris', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('sends a tool call without arguments as an empty input', async () => {
    simulator.script({ reply: { tool_calls: [{ name: 'refresh', arguments: {} }] } });
    const message = await anthropic.messages.stream(request).finalMessage();
    expect(message.content).toMatchObject([{ type: 'tool_use', name: 'refresh', input: {} }]);
  });

  it('converts scripted usage: input tokens exclude cache reads and writes', async () => {
    simulator.script({
      reply: {
        text: 'ok',
        usage: {
          prompt_tokens: 1000,
          completion_tokens: 20,
          cached_tokens: 600,
          cache_write_tokens: 300,
        },
      },
    });
    const message = await anthropic.messages.create(request);
    expect(message.usage).toMatchObject({
      input_tokens: 100,
      cache_read_input_tokens: 600,
      cache_creation_input_tokens: 300,
      output_tokens: 20,
    });
  });

  it('carries the converted usage through message_start and message_delta', async () => {
    simulator.script({
      reply: { text: 'ok', usage: { prompt_tokens: 50, completion_tokens: 9, cached_tokens: 40 } },
    });
    const message = await anthropic.messages.stream(request).finalMessage();
    expect(message.usage).toMatchObject({
      input_tokens: 10,
      cache_read_input_tokens: 40,
      output_tokens: 9,
    });
  });

  it('sends a scripted stop reason, translating OpenAI words', async () => {
    simulator.script(
      { reply: { text: 'x', finish_reason: 'length' } },
      { reply: { text: 'x', finish_reason: 'refusal' } },
    );
    expect((await anthropic.messages.create(request)).stop_reason).toBe('max_tokens');
    expect((await anthropic.messages.create(request)).stop_reason).toBe('refusal');
  });

  it('omits usage from the message when usage is null', async () => {
    simulator.script({ reply: { text: 'x', usage: null } });
    expect(await anthropic.messages.create(request)).not.toHaveProperty('usage');
  });
});
