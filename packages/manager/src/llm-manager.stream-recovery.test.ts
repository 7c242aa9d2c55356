import { afterEach, describe, expect, it } from 'vitest';
import { LLMError, type LLMStreamChunk } from '@llm/core';
import type { Simulator } from '@llm/testing';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const routingToml =
  (recovery: string, extra = '') =>
  (simulator: Simulator) => `
[llm.providers.openai.models.gpt-4o]

[llm.providers.backup]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"
timeout = 5000

[llm.providers.backup.models.gpt-4o]

[llm.models.smart]
deployments = [{ provider = "openai", model = "gpt-4o" }]
fallbacks = ["backup/gpt-4o"]
stream_recovery = "${recovery}"
${extra}
`;

const PRIMARY = 'one two three four five six seven eight nine ten eleven twelve';
const FALLBACK = 'the complete answer of the fallback deployment';
const ask = { model: 'smart', messages: [{ role: 'user' as const, content: 'count' }] };

/** What a consumer holds: text deltas appended, everything shown so far dropped at a restart. */
function apply(chunks: readonly LLMStreamChunk[]): string {
  let text = '';
  for (const chunk of chunks) {
    if (chunk.type === 'restart') text = '';
    if (chunk.type === 'text-delta') text += chunk.delta;
  }
  return text;
}

async function collect(
  stream: AsyncIterable<LLMStreamChunk>,
): Promise<{ chunks: LLMStreamChunk[]; error?: unknown }> {
  const chunks: LLMStreamChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}

/** The primary streams a few chunks of its answer, then the connection drops; the fallback answers. */
function scriptCut(simulator: Simulator): void {
  simulator.script(
    {
      match: { model: 'gpt-4o' },
      reply: { text: PRIMARY, chunk_size: 4 },
      fault: 'drop-mid-stream',
      afterChunks: 4,
    },
    { match: { model: 'gpt-4o' }, reply: { text: FALLBACK } },
  );
}

describe('stream recovery after the first chunk reached the caller', () => {
  it('restart: a restart chunk, then the whole answer of the fallback', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml('restart') });
    scriptCut(fixture.simulator);
    const { chunks, error } = await collect(fixture.manager.streamCompletion(ask));
    expect(error).toBeUndefined();
    const restart = chunks.find((chunk) => chunk.type === 'restart');
    expect(restart).toEqual({ type: 'restart', reason: 'network', attempt: 2 });
    expect(chunks.indexOf(restart!)).toBeGreaterThan(0);
    expect(apply(chunks)).toBe(FALLBACK);
    const finish = chunks.at(-1);
    expect(finish?.type).toBe('finish');
    expect(finish?.type === 'finish' && finish.metadata?.attempts?.map((a) => a.provider)).toEqual([
      'openai',
      'backup',
    ]);
    expect(fixture.simulator.requests).toHaveLength(2);
    // The restart re-sends the original messages: no partial answer as an assistant prefill.
    expect(fixture.simulator.requests[1]!.body).toMatchObject({
      messages: [{ role: 'user', content: 'count' }],
    });
  });

  it('error: a typed error carrying the partial text, and no finish chunk', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml('error') });
    scriptCut(fixture.simulator);
    const { chunks, error } = await collect(fixture.manager.streamCompletion(ask));
    expect(LLMError.is(error)).toBe(true);
    const shown = apply(chunks);
    expect(shown.length).toBeGreaterThan(0);
    expect(PRIMARY.startsWith(shown)).toBe(true);
    expect((error as LLMError).details).toMatchObject({ partial_text: shown });
    expect(chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    expect(fixture.simulator.requests).toHaveLength(1);
  });

  it('buffer: the caller sees only the complete answer of the deployment that finished', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml('buffer') });
    scriptCut(fixture.simulator);
    const { chunks, error } = await collect(fixture.manager.streamCompletion(ask));
    expect(error).toBeUndefined();
    expect(chunks.some((chunk) => chunk.type === 'restart')).toBe(false);
    expect(apply(chunks)).toBe(FALLBACK);
    expect(chunks.at(-1)?.type).toBe('finish');
  });

  it('a stall longer than chunk_gap counts as a cut', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml('restart', '[llm.providers.openai.timeouts]\nchunk_gap = 200\n'),
    });
    fixture.simulator.script(
      {
        match: { model: 'gpt-4o' },
        reply: { text: PRIMARY, chunk_size: 4 },
        fault: 'hang',
        afterChunks: 4,
      },
      { match: { model: 'gpt-4o' }, reply: { text: FALLBACK } },
    );
    const started = Date.now();
    const { chunks, error } = await collect(fixture.manager.streamCompletion(ask));
    expect(error).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(200 + 1_500);
    expect(chunks.find((chunk) => chunk.type === 'restart')).toMatchObject({ reason: 'timeout' });
    expect(apply(chunks)).toBe(FALLBACK);
  });

  it('before the first chunk, failover is invisible', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml('error') });
    fixture.simulator.script(
      { match: { model: 'gpt-4o' }, error: { status: 401 } },
      { match: { model: 'gpt-4o' }, reply: { text: FALLBACK } },
    );
    const { chunks, error } = await collect(fixture.manager.streamCompletion(ask));
    expect(error).toBeUndefined();
    expect(chunks.some((chunk) => chunk.type === 'restart')).toBe(false);
    expect(apply(chunks)).toBe(FALLBACK);
  });

  it('takes options.streamRecovery over the config', async () => {
    fixture = await startManagerFixture({ extraToml: routingToml('error') });
    scriptCut(fixture.simulator);
    const { chunks, error } = await collect(
      fixture.manager.streamCompletion(ask, { streamRecovery: 'restart' }),
    );
    expect(error).toBeUndefined();
    expect(chunks.some((chunk) => chunk.type === 'restart')).toBe(true);
    expect(apply(chunks)).toBe(FALLBACK);
  });
});
