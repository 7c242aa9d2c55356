import { afterEach, describe, expect, it } from 'vitest';
import { LLMError } from '@llm/core';
import { startSimulator } from '@llm/testing';
import { drain, startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('createLLMManager end to end (TOML → manager → SDK → simulator → priced usage → ledger)', () => {
  it('answers a chat call with content and usage priced from the model pricing table', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({
      reply: { text: 'Paris.', usage: { prompt_tokens: 1000, completion_tokens: 2000 } },
    });
    const response = await fixture.manager.chatCompletion({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Capital of France?' }],
    });
    expect(response.content).toBe('Paris.');
    expect(response.usage).toMatchObject({
      prompt_tokens: 1000,
      completion_tokens: 2000,
      total_tokens: 3000,
      currency: 'USD',
    });
    // 1000 × 0.15 / 1M + 2000 × 0.60 / 1M
    expect(response.usage.cost).toBeCloseTo(0.00015 + 0.0012, 12);
    expect(response.metadata.provider_name).toBe('openai');
  });

  it('sends the configured key to the provider and keeps it out of responses', async () => {
    fixture = await startManagerFixture();
    const response = await fixture.manager.chatCompletion({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(fixture.simulator.requests[0]?.headers['authorization']).toBe(
      'Bearer sk-test-openai-123456',
    );
    expect(JSON.stringify(response)).not.toContain('sk-test-openai-123456');
  });

  it('records one ledger record per call, visible in the usage summary', async () => {
    fixture = await startManagerFixture();
    await fixture.manager.chatCompletion({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'one' }],
    });
    await fixture.manager.chatCompletion({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'two' }],
    });
    const [summary] = await fixture.manager.getUsageSummary();
    expect(summary).toMatchObject({
      provider_name: 'openai',
      model_name: 'gpt-4o-mini',
      total_requests: 2,
      successful_requests: 2,
      failed_requests: 0,
    });
    expect(summary!.total_cost).toBeGreaterThan(0);
  });

  it('streams text deltas and ends with a finish chunk whose usage is priced', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({
      reply: {
        text: 'Hello from the stream',
        chunk_size: 5,
        usage: { prompt_tokens: 10, completion_tokens: 4 },
      },
    });
    const { chunks: items, error } = await drain(
      fixture.manager.streamCompletion({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(error).toBeUndefined();
    const text = items
      .flatMap((chunk) => (chunk.type === 'text-delta' ? [chunk.delta] : []))
      .join('');
    expect(text).toBe('Hello from the stream');
    const finish = items.at(-1);
    expect(finish?.type).toBe('finish');
    if (finish?.type !== 'finish') return;
    expect(finish.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 4 });
    expect(finish.usage.cost).toBeCloseTo((10 * 0.15 + 4 * 0.6) / 1e6, 15);
    const [summary] = await fixture.manager.getUsageSummary();
    expect(summary?.total_requests).toBe(1);
  });

  it('routes a Claude model to the claude provider and prices it from the catalog', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({
      reply: { text: 'Bonjour', usage: { prompt_tokens: 100, completion_tokens: 10 } },
    });
    const response = await fixture.manager.chatCompletion({
      model: 'claude-sonnet-4-20250514',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.metadata.provider_name).toBe('claude');
    expect(fixture.simulator.requests[0]?.path).toBe('/v1/messages');
    expect(response.usage.cost).toBeGreaterThan(0);
    expect(response.usage.cost_breakdown?.price_source).toBe('catalog');
  });

  it('rejects a failed call with an LLMError and records it as failed', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ error: { status: 401, message: 'Incorrect API key provided' } });
    const failure = await fixture.manager
      .chatCompletion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({ type: 'auth', statusCode: 401, providerName: 'openai' });
    const [summary] = await fixture.manager.getUsageSummary();
    expect(summary).toMatchObject({ total_requests: 1, failed_requests: 1 });
    const exported = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      error_type?: string;
      success: boolean;
    }[];
    expect(exported).toEqual([expect.objectContaining({ success: false, error_type: 'auth' })]);
  });

  it('refuses images for a model configured without vision before any network call', async () => {
    fixture = await startManagerFixture();
    const failure = await fixture.manager
      .visionCompletion({
        model: 'gpt-3.5-turbo',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what?' },
              { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            ],
          },
        ],
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: 'invalid_request' });
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('reports providers and their health', async () => {
    fixture = await startManagerFixture();
    expect(
      fixture.manager.getProviderInfo().map((info) => [info.name, info.type, info.is_default]),
    ).toEqual([
      ['openai', 'openai', true],
      ['claude', 'claude', false],
    ]);
    const health = await fixture.manager.healthCheck();
    expect(health.healthy).toBe(true);
    expect(Object.keys(health.providers).sort()).toEqual(['claude', 'openai']);
  });

  it("lists every provider's models, with an error entry for a provider that cannot list them", async () => {
    fixture = await startManagerFixture();
    const failing = await startSimulator();
    try {
      failing.script({ match: { protocol: 'models' }, error: { status: 401 }, times: 10 });
      const changed = new Promise<void>((resolve) =>
        fixture!.manager.once('config-change', () => resolve()),
      );
      await fixture.manager.configManager.updateProvider('claude', {
        base_url: failing.anthropicBaseURL,
      });
      await changed;
      const lists = await fixture.manager.listModels();
      expect(Object.keys(lists)).toEqual(['openai', 'claude']);
      expect(Array.isArray(lists['openai'])).toBe(true);
      expect((lists['openai'] as { id: string }[]).length).toBeGreaterThan(0);
      const claude = lists['claude'] as { error: LLMError };
      expect(LLMError.is(claude.error)).toBe(true);
      expect(claude.error).toMatchObject({ type: 'auth', providerName: 'claude' });
      await expect(fixture.manager.listModels('claude')).rejects.toMatchObject({ type: 'auth' });
    } finally {
      await failing.close();
    }
  });

  it('returns tool calls from callWithTools as an array', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({
      reply: { tool_calls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    const response = await fixture.manager.callWithTools(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'weather?' }] },
      [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    );
    expect(response.tool_calls).toEqual([
      {
        id: 'call_1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
    ]);
  });
});
