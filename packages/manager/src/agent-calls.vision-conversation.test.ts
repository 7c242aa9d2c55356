import { afterEach, describe, expect, it } from 'vitest';
import { drain } from '@llm/testing';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';
import { agentToml, bodies, collectRecords } from './__tests__/agent-targets';
import { sumUsage } from './agent-calls';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('visionCompletion', () => {
  it('builds the image parts and sends them to a model with vision', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'A tiny picture.' } });
    const response = await fixture.manager.visionCompletion({
      model: 'gpt-4o-mini',
      prompt: 'What is this?',
      images: [PNG, 'https://example.com/cat.jpg'],
    });
    expect(response.content).toBe('A tiny picture.');
    const content = bodies(fixture.simulator, 'openai')[0]!.messages[0]!.content;
    expect(content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` } },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it('refuses images for a model configured without vision, before the network', async () => {
    fixture = await startManagerFixture();
    await expect(
      fixture.manager.visionCompletion({
        model: 'gpt-3.5-turbo',
        prompt: 'What is this?',
        images: [PNG],
      }),
    ).rejects.toMatchObject({
      type: 'invalid_request',
      message: expect.stringContaining('without vision'),
    });
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('still takes a ready request with image parts', async () => {
    fixture = await startManagerFixture();
    const response = await fixture.manager.visionCompletion({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'describe' }] }],
    });
    expect(response.content).toBe('describe');
  });
});

describe('conversation', () => {
  it('keeps running usage across turns, each turn recorded under its own call id', async () => {
    fixture = await startManagerFixture();
    const records = collectRecords(fixture.manager);
    const chat = fixture.manager.conversation({ model: 'gpt-4o-mini', system: 'Be brief.' });
    const first = await chat.send('Hello');
    const second = await chat.send('Again');
    expect(chat.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(records.map((record) => record.call_id)).toEqual([first.callId, second.callId]);
    expect(chat.usage.total_tokens).toBe(records[0]!.total_tokens + records[1]!.total_tokens);
    expect(chat.usage.cost).toBe(sumUsage([first.usage, second.usage]).cost);
    // The first OpenAI token count loads tiktoken's ranks, which takes seconds on a loaded machine.
  }, 30_000);

  it('fits the history to the context window the catalog knows for the model', async () => {
    fixture = await startManagerFixture();
    const chat = fixture.manager.conversation({ model: 'gpt-4o-mini' });
    expect(chat.promptBudget()).toBeGreaterThan(100_000);
  });

  it('runs the tool loop with tools and restores a saved conversation with them', async () => {
    fixture = await startManagerFixture({ extraToml: agentToml });
    const tools = [{ name: 'now', execute: () => '12:00' }];
    const chat = fixture.manager.conversation(
      { provider: 'claude', model: 'claude-sonnet-4-20250514', maxOutputTokens: 200 },
      { tools },
    );
    fixture.simulator.script(
      { reply: { tool_calls: [{ name: 'now', arguments: {} }] } },
      { reply: { text: 'Noon.' } },
    );
    const reply = await chat.send('What time is it?');
    expect(reply.content).toBe('Noon.');
    expect(reply.loop?.steps).toHaveLength(2);
    const restored = fixture.manager.conversation(JSON.parse(JSON.stringify(chat.toJSON())), {
      tools,
    });
    expect(restored.messages).toEqual(chat.messages);
    const { chunks } = await drain(restored.stream('And now?'));
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', content: 'And now?' });
  });
});

describe('sumUsage', () => {
  it('adds costs exactly from their decimals and token counts as integers', () => {
    const usage = (cost: number, decimal?: string) => ({
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
      cached_tokens: 1,
      cost,
      currency: 'USD',
      ...(decimal !== undefined && {
        cost_breakdown: {
          input: 0,
          cached_input: 0,
          cache_write: 0,
          output: 0,
          reasoning: 0,
          total: cost,
          total_decimal: decimal,
          currency: 'USD',
        },
      }),
    });
    const sum = sumUsage([usage(0.1, '0.1'), usage(0.2, '0.2'), usage(0.3)]);
    expect(sum).toMatchObject({
      prompt_tokens: 3,
      completion_tokens: 6,
      total_tokens: 9,
      cached_tokens: 3,
      currency: 'USD',
    });
    expect(sum.cost).toBe(0.6);
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
  });

  it('leaves the cost undefined when a usage has none, keeping the estimated and pricing_missing marks', () => {
    const sum = sumUsage([
      { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.5 },
      {
        prompt_tokens: 1,
        completion_tokens: 1,
        total_tokens: 2,
        estimated: true,
        pricing_missing: true,
      },
    ]);
    expect(sum.cost).toBeUndefined();
    expect(sum).toMatchObject({ estimated: true, pricing_missing: true, total_tokens: 4 });
    expect(sumUsage([]).cost).toBeUndefined();
  });
});
