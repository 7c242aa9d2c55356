import { LLMError, ProviderRegistry, silentLogger } from '@llm/core';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  drain,
  openAIConfig,
  recordingLogger,
  streamedText,
  TEST_API_KEY,
  useSimulator,
} from './__tests__/simulator';
import type { OpenAICompatibleProviderOptions } from './openai-compatible-provider';
import { OpenAICompatibleProvider } from './openai-compatible-provider';

const simulator = useSimulator();

function compatible(options: Partial<OpenAICompatibleProviderOptions> = {}) {
  const config = openAIConfig(simulator.current, { name: 'local', type: 'generic', models: [] });
  return new OpenAICompatibleProvider(config, {
    createClient: (current) =>
      new OpenAI({ apiKey: TEST_API_KEY, baseURL: current.base_url, maxRetries: 0 }),
    ...options,
  });
}
const ask = { model: 'qwen-plus', messages: [{ role: 'user' as const, content: 'hello there' }] };

describe('OpenAICompatibleProvider seams', () => {
  it('accepts any model when the provider lists none, and reports its own name and type', async () => {
    const response = await compatible().chatCompletion(ask);
    expect(response).toMatchObject({
      content: 'hello there',
      model: 'qwen-plus',
      metadata: { provider_name: 'local', provider_type: 'generic' },
    });
  });

  it('lets a request transform change the wire body', async () => {
    await compatible({
      transformRequest: (body, context) => ({ ...body, enable_thinking: context.stream }),
    }).chatCompletion(ask);
    expect(simulator.current.requests[0]?.body).toMatchObject({
      model: 'qwen-plus',
      enable_thinking: false,
    });
  });

  it('lets a response transform rewrite a non-streaming body before it is read', async () => {
    const response = await compatible({
      transformResponse: (body) => {
        const completion = body as { choices: Array<{ message: { content: string } }> };
        completion.choices[0]!.message.content =
          completion.choices[0]!.message.content.toUpperCase();
        return completion;
      },
    }).chatCompletion(ask);
    expect(response.content).toBe('HELLO THERE');
  });

  it('lets a chunk transform rewrite or drop stream chunks', async () => {
    const { chunks } = await drain(
      compatible({
        transformStreamChunk: (chunk) => {
          const delta = chunk.choices?.[0]?.delta;
          if (delta && typeof delta.content === 'string')
            delta.content = delta.content.replace(/e/g, '3');
          return chunk;
        },
      }).streamCompletion(ask),
    );
    expect(streamedText(chunks)).toBe('h3llo th3r3');
  });

  it('leaves stream_options out for a server that rejects it, estimating the usage', async () => {
    const { chunks } = await drain(compatible({ includeStreamUsage: false }).streamCompletion(ask));
    expect(simulator.current.requests[0]?.body).not.toHaveProperty('stream_options');
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', usage: { estimated: true } });
  });

  it('warns when usage is missing unless the server is known to omit it', async () => {
    const warned = recordingLogger();
    simulator.current.script(
      { reply: { text: 'a', usage: null } },
      { reply: { text: 'b', usage: null } },
    );
    await compatible({ logger: warned }).chatCompletion(ask);
    const quiet = recordingLogger();
    await compatible({ logger: quiet, usageMayBeMissing: true }).chatCompletion(ask);
    expect(warned.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    expect(quiet.lines).toEqual([]);
  });

  it('resolves the wire model id through its seam', async () => {
    await compatible({ resolveModelId: (model) => `vendor/${model}` }).chatCompletion(ask);
    expect(simulator.current.requests[0]?.body).toMatchObject({ model: 'vendor/qwen-plus' });
  });

  it('refuses calls after dispose', async () => {
    const provider = compatible();
    provider.dispose();
    const error = await provider.chatCompletion(ask).catch((caught: unknown) => caught);
    expect(LLMError.is(error) && error.message).toContain('disposed');
    expect(simulator.current.requests).toHaveLength(0);
  });

  it("applies a call's own timeout", async () => {
    simulator.current.script({ fault: 'hang' });
    const error = await compatible()
      .chatCompletion(ask, { timeoutMs: 100 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'timeout' });
  });

  it("sends a call's extra headers", async () => {
    await compatible().chatCompletion(ask, { headers: { 'x-trace-id': 'trace-1' } });
    expect(simulator.current.requests[0]?.headers['x-trace-id']).toBe('trace-1');
  });
});

describe('a third-party provider type built on OpenAICompatibleProvider', () => {
  it('registers under its own type and answers through the registry', async () => {
    const registry = new ProviderRegistry();
    registry.register({
      type: 'acme',
      create: (config, context) =>
        new OpenAICompatibleProvider(config, {
          logger: context.logger,
          createClient: (current) =>
            new OpenAI({
              apiKey: current.api_key,
              baseURL: current.base_url,
              maxRetries: 0,
              defaultHeaders: { 'x-acme': '1' },
            }),
        }),
    });
    const provider = registry.create(
      openAIConfig(simulator.current, { name: 'acme-prod', type: 'acme', models: [] }),
      { logger: silentLogger },
    );
    const response = await provider.chatCompletion({
      model: 'acme-large',
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(response).toMatchObject({
      content: 'ping',
      metadata: { provider_name: 'acme-prod', provider_type: 'acme' },
    });
    expect(simulator.current.requests[0]?.headers['x-acme']).toBe('1');
  });
});
