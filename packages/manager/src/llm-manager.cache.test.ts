import { afterEach, describe, expect, it } from 'vitest';
import type { LLMStreamChunk, UsageRecord } from '@llm/core';
import type { CacheEntry, CacheStore } from '@llm/cache';
import { drain, startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const CACHE_ON = '[llm.cache]\nenabled = true\n';

const ask = (content = 'hello', extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content }],
  temperature: 0,
  ...extra,
});

const chatRequests = () =>
  fixture!.simulator.requests.filter((request) => request.path.endsWith('/chat/completions'));

async function records(): Promise<UsageRecord[]> {
  const found: UsageRecord[] = [];
  await fixture!.manager.usage!.store.forEachRecord({}, (record) => void found.push(record));
  return found.sort((a, b) => a.timestamp - b.timestamp);
}

describe('the response cache', () => {
  it('sends one request for two identical calls; the second is recorded with cache_hit and cost 0', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    fixture.simulator.script({ reply: { text: 'cached answer' }, times: 5 });
    const first = await fixture.manager.chatCompletion(ask());
    const second = await fixture.manager.chatCompletion(ask(), { tags: { team: 'search' } });
    expect(chatRequests()).toHaveLength(1);
    expect(second.content).toBe('cached answer');
    expect(second.metadata.cache_hit).toBe(true);
    expect(first.metadata.cache_hit).toBeUndefined();

    const [live, hit] = await records();
    expect(live!.cache_hit).toBeUndefined();
    expect(hit).toMatchObject({
      cache_hit: true,
      cost: 0,
      cost_decimal: '0',
      prompt_tokens: 0,
      completion_tokens: 0,
      saved_prompt_tokens: live!.prompt_tokens,
      saved_completion_tokens: live!.completion_tokens,
      saved_cost_decimal: live!.cost_decimal,
      success: true,
      tags: { team: 'search' },
    });
    const [summary] = await fixture.manager.getUsageSummary({ group_by: 'none' });
    expect(summary).toMatchObject({
      total_requests: 2,
      total_prompt_tokens: live!.prompt_tokens,
      cache_hits: 1,
      total_saved_tokens: live!.total_tokens,
      total_saved_cost_decimal: live!.cost_decimal,
    });
  });

  it('sends one request for 20 concurrent identical calls, and every one gets the answer', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    fixture.simulator.script({ reply: { text: 'shared' }, delayMs: 30, times: 20 });
    const hits: string[] = [];
    fixture.manager.on('cache-hit', (event) => hits.push(event.call_id));
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fixture!.manager.chatCompletion(ask('together'))),
    );
    expect(chatRequests()).toHaveLength(1);
    expect(answers.map((answer) => answer.content)).toEqual(Array(20).fill('shared'));
    expect(hits).toHaveLength(19);
    expect((await records()).filter((record) => record.cache_hit)).toHaveLength(19);
  });

  it('matches equal requests whatever the order of their keys, and not when a sampling parameter differs', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    fixture.simulator.script({ reply: { text: 'a' }, times: 5 });
    await fixture.manager.chatCompletion({ max_tokens: 20, ...ask() });
    await fixture.manager.chatCompletion({ ...ask(), max_tokens: 20 });
    expect(chatRequests()).toHaveLength(1);
    await fixture.manager.chatCompletion({ ...ask(), max_tokens: 21 });
    expect(chatRequests()).toHaveLength(2);
  });

  it('leaves calls without temperature 0 out unless include_nondeterministic or options.cache says so', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    fixture.simulator.script({ reply: { text: 'varies' }, times: 10 });
    const varying = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    await fixture.manager.chatCompletion(varying);
    await fixture.manager.chatCompletion(varying);
    expect(chatRequests()).toHaveLength(2);
    await fixture.manager.chatCompletion(varying, { cache: true });
    await fixture.manager.chatCompletion(varying, { cache: true });
    expect(chatRequests()).toHaveLength(3);
    await fixture.manager.chatCompletion(ask('no cache'), { cache: false });
    await fixture.manager.chatCompletion(ask('no cache'), { cache: false });
    expect(chatRequests()).toHaveLength(5);
  });

  it('caches nothing when [llm.cache] is off, except a call that opts in with its own ttl', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'x' }, times: 10 });
    await fixture.manager.chatCompletion(ask());
    await fixture.manager.chatCompletion(ask());
    expect(chatRequests()).toHaveLength(2);
    await fixture.manager.chatCompletion(ask('opt in'), { cache: { ttl: 60_000 } });
    const hit = await fixture.manager.chatCompletion(ask('opt in'), { cache: { ttl: 60_000 } });
    expect(chatRequests()).toHaveLength(3);
    expect(hit.metadata.cache_hit).toBe(true);
  });

  it('sends every call that says cache: false to the provider, chat, stream and embeddings alike, with the cache off', async () => {
    fixture = await startManagerFixture({
      extraToml: '[llm.providers.openai.models.text-embedding-3-small]\n',
    });
    fixture.simulator.script({ reply: { text: 'fresh' }, times: 10 });
    const answers = [
      await fixture.manager.chatCompletion(ask('no cache'), { cache: false }),
      await fixture.manager.chatCompletion(ask('no cache'), { cache: false }),
    ];
    expect(answers.map((answer) => answer.metadata.cache_hit)).toEqual([undefined, undefined]);
    const { chunks } = await drain(
      fixture.manager.streamCompletion(ask('no cache'), { cache: false }),
    );
    expect(chunks.at(-1)).toMatchObject({ type: 'finish' });
    expect(chatRequests()).toHaveLength(3);
    const request = { model: 'text-embedding-3-small', input: ['a'] };
    await fixture.manager.embed(request, { cache: false });
    const second = await fixture.manager.embed(request, { cache: false });
    expect(second.metadata.cache_hit).toBeUndefined();
    expect(fixture.simulator.requests.filter((r) => r.path.endsWith('/embeddings'))).toHaveLength(
      2,
    );
  });

  it('replays a cached stream as its assembled answer, its finish marked cache_hit, after one request', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    fixture.simulator.script({ reply: { text: 'streamed answer here', chunk_size: 4 }, times: 5 });
    const first = (await drain(fixture.manager.streamCompletion(ask('stream me')))).chunks;
    const second = (await drain(fixture.manager.streamCompletion(ask('stream me')))).chunks;
    expect(chatRequests()).toHaveLength(1);
    const text = (chunks: LLMStreamChunk[]) =>
      chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');
    expect(text(second)).toBe('streamed answer here');
    // The provider's chunk boundaries are not kept: the text replays in one delta.
    expect(first.filter((chunk) => chunk.type === 'text-delta').length).toBeGreaterThan(1);
    expect(second.map((chunk) => chunk.type)).toEqual(['text-delta', 'finish']);
    const finish = second.at(-1);
    expect(finish?.type === 'finish' && finish.metadata?.cache_hit).toBe(true);
    expect(text(first)).toBe(text(second));
    const [, hit] = await records();
    expect(hit).toMatchObject({ cache_hit: true, stream: true, cost: 0 });
  });

  it('replays a cached stream with tool calls as the same text, tool calls, finish reason and usage', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    fixture.simulator.script({
      reply: {
        text: 'Checking both.',
        tool_calls: [
          { id: 'call_a', name: 'weather', arguments: { city: 'Oslo' } },
          { id: 'call_b', name: 'time', arguments: { zone: 'UTC' } },
        ],
        interleave_tool_calls: true,
        chunk_size: 3,
      },
      times: 2,
    });
    const assembled = (chunks: LLMStreamChunk[]) => {
      const argumentsByIndex = new Map<number, string>();
      for (const chunk of chunks)
        if (chunk.type === 'tool-call-delta')
          argumentsByIndex.set(
            chunk.index,
            (argumentsByIndex.get(chunk.index) ?? '') + chunk.arguments_delta,
          );
      const finish = chunks.at(-1);
      return {
        text: chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join(''),
        deltas: [...argumentsByIndex.entries()].sort(([a], [b]) => a - b),
        calls: chunks.flatMap((chunk) => (chunk.type === 'tool-call' ? [chunk.tool_call] : [])),
        finish_reason: finish?.type === 'finish' ? finish.finish_reason : undefined,
        usage: finish?.type === 'finish' ? finish.usage.total_tokens : undefined,
      };
    };
    const tools = [
      { type: 'function' as const, function: { name: 'weather', parameters: { type: 'object' } } },
      { type: 'function' as const, function: { name: 'time', parameters: { type: 'object' } } },
    ];
    const first = (await drain(fixture.manager.streamCompletion(ask('tools', { tools })))).chunks;
    const second = (await drain(fixture.manager.streamCompletion(ask('tools', { tools })))).chunks;
    expect(chatRequests()).toHaveLength(1);
    expect(assembled(second)).toEqual(assembled(first));
    expect(assembled(second).calls.map((call) => call.function.name)).toEqual(['weather', 'time']);
    expect(assembled(second).finish_reason).toBe('tool_calls');
  });

  it('streams and answers calls the cache does not keep from the provider every time, with no lookup', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    fixture.simulator.script({ reply: { text: 'varies', chunk_size: 2 }, times: 6 });
    const lookups: string[] = [];
    fixture.manager.on('cache-miss', (event) => lookups.push(event.key_hash));
    fixture.manager.on('cache-hit', (event) => lookups.push(event.key_hash));
    const varying = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    for (let index = 0; index < 3; index++) {
      const { chunks, error } = await drain(fixture.manager.streamCompletion(varying));
      expect(error).toBeUndefined();
      expect(chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('')).toBe(
        'varies',
      );
      expect((await fixture.manager.chatCompletion(varying)).content).toBe('varies');
    }
    expect(chatRequests()).toHaveLength(6);
    expect(lookups).toEqual([]);
  });

  it('stores only the answer after a stream restart, and replays it without the restart', async () => {
    fixture = await startManagerFixture({
      extraToml: (simulator) => `${CACHE_ON}
[llm.logging]
log_content = true

[llm.providers.openai.models.gpt-4o]

[llm.providers.backup]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.backup.models.gpt-4o]

[llm.models.smart]
deployments = [{ provider = "openai", model = "gpt-4o" }]
fallbacks = ["backup/gpt-4o"]
stream_recovery = "restart"
`,
    });
    fixture.simulator.script(
      {
        match: { model: 'gpt-4o' },
        reply: { text: 'one two three four five six', chunk_size: 4 },
        fault: 'drop-mid-stream',
        afterChunks: 3,
      },
      { match: { model: 'gpt-4o' }, reply: { text: 'the fallback answer', chunk_size: 4 } },
    );
    const request = { ...ask('restart me'), model: 'smart' };
    const first = await drain(fixture.manager.streamCompletion(request, { callId: 'live' }));
    expect(first.chunks.some((chunk) => chunk.type === 'restart')).toBe(true);
    const second = await drain(fixture.manager.streamCompletion(request));
    expect(second.chunks.map((chunk) => chunk.type)).toEqual(['text-delta', 'finish']);
    expect(second.chunks[0]).toEqual({ type: 'text-delta', delta: 'the fallback answer' });
    expect(chatRequests()).toHaveLength(2);
    expect(await fixture.manager.usage!.getCall('live')).toMatchObject({
      answer: 'the fallback answer',
    });
  });

  it('does not cache a failed call', async () => {
    fixture = await startManagerFixture({
      extraToml: `${CACHE_ON}\n[llm.retry]\nmax_attempts = 1\n`,
    });
    fixture.simulator.script({ error: { status: 400 } }, { reply: { text: 'ok' }, times: 3 });
    await expect(fixture.manager.chatCompletion(ask())).rejects.toThrow();
    const answer = await fixture.manager.chatCompletion(ask());
    expect(answer.content).toBe('ok');
    expect(chatRequests()).toHaveLength(2);
  });

  it('goes on uncached when the store fails (a Redis outage), and warns', async () => {
    const failing: CacheStore = {
      get: async () => {
        throw new Error('connection refused');
      },
      set: async (_key: string, _entry: CacheEntry) => {
        throw new Error('connection refused');
      },
      delete: async () => {},
      clear: async () => {},
    };
    const warnings: string[] = [];
    fixture = await startManagerFixture({
      extraToml: CACHE_ON,
      manager: {
        cacheStore: failing,
        logger: {
          debug() {},
          info() {},
          warn: (message: string) => void warnings.push(message),
          error() {},
        },
      },
    });
    fixture.simulator.script({ reply: { text: 'ok' }, times: 3 });
    await fixture.manager.chatCompletion(ask());
    await fixture.manager.chatCompletion(ask());
    expect(chatRequests()).toHaveLength(2);
    expect(warnings.some((message) => message.includes('response cache store failed'))).toBe(true);
  });

  it('caches embeddings (deterministic) by model and input', async () => {
    fixture = await startManagerFixture({
      extraToml: `${CACHE_ON}\n[llm.providers.openai.models.text-embedding-3-small]\n`,
    });
    const request = { model: 'text-embedding-3-small', input: ['a', 'b'] };
    const first = await fixture.manager.embed(request);
    const second = await fixture.manager.embed(request);
    expect(second.embeddings).toEqual(first.embeddings);
    expect(second.metadata.cache_hit).toBe(true);
    expect(fixture.simulator.requests.filter((r) => r.path.endsWith('/embeddings'))).toHaveLength(
      1,
    );
  });

  it('sends one request for concurrent identical streams; the waiting ones replay its chunks', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    fixture.simulator.script({ reply: { text: 'one stream for all', chunk_size: 5 }, delayMs: 30 });
    const streams = await Promise.all(
      Array.from({ length: 5 }, () => drain(fixture!.manager.streamCompletion(ask('together')))),
    );
    expect(chatRequests()).toHaveLength(1);
    for (const { chunks, error } of streams) {
      expect(error).toBeUndefined();
      expect(chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('')).toBe(
        'one stream for all',
      );
    }
  });

  it('lets the calls waiting on a failed call make their own requests', async () => {
    fixture = await startManagerFixture({
      extraToml: `${CACHE_ON}\n[llm.retry]\nmax_attempts = 1\n`,
    });
    fixture.simulator.script(
      { error: { status: 400 }, delayMs: 30 },
      { reply: { text: 'second try' }, times: 5 },
    );
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, () => fixture!.manager.chatCompletion(ask('fails first'))),
    );
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(chatRequests()).toHaveLength(3);
  });

  it('stores nothing of a stream the consumer stopped, nor of one that failed, and reports how each ended', async () => {
    fixture = await startManagerFixture({
      extraToml: `${CACHE_ON}\n[llm.retry]\nmax_attempts = 1\n`,
    });
    fixture.simulator.script(
      { reply: { text: 'a long answer in many chunks', chunk_size: 2 } },
      { error: { status: 400 } },
      { reply: { text: 'complete', chunk_size: 2 }, times: 3 },
    );
    const outcomes: string[] = [];
    fixture.manager.on('call-end', (event) => outcomes.push(event.outcome));
    for await (const chunk of fixture.manager.streamCompletion(ask('stop me'))) {
      if (chunk.type === 'text-delta') break;
    }
    const failed = await drain(fixture.manager.streamCompletion(ask('stop me')));
    expect(failed.error).toBeDefined();
    const full = await drain(fixture.manager.streamCompletion(ask('stop me')));
    expect(full.chunks.at(-1)?.type).toBe('finish');
    await drain(fixture.manager.streamCompletion(ask('stop me')));
    expect(chatRequests()).toHaveLength(3);
    expect(outcomes).toEqual(['aborted', 'invalid_request', 'success', 'success']);
  });

  it('sends a malformed request to validation, never to the cache', async () => {
    fixture = await startManagerFixture({ extraToml: CACHE_ON });
    const misses: string[] = [];
    fixture.manager.on('cache-miss', (event) => misses.push(event.key_hash));
    await expect(
      fixture.manager.chatCompletion({ model: 'gpt-4o-mini', messages: 'hi' } as never),
    ).rejects.toMatchObject({ type: 'invalid_request' });
    await expect(
      fixture.manager.embed({ model: 'text-embedding-3-small' } as never),
    ).rejects.toThrow();
    await expect(fixture.manager.chatCompletion(null as never)).rejects.toThrow();
    expect(misses).toEqual([]);
  });
});
