import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, LLMError } from '@llm/core';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';
import { ask, routingToml } from './__tests__/routing-config';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const chatRequests = () =>
  fixture!.simulator.requests.filter((request) => request.path.endsWith('/chat/completions'));

describe('[llm.routing] max_attempts counts provider requests', () => {
  it('stops after max_attempts requests, retries on one deployment included, the error listing each', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml(
        '[llm.retry]\nbase_delay = 1\nmax_delay = 2\n\n[llm.routing]\nmax_attempts = 2\n',
      ),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 503 }, times: 10 });
    const failure = await fixture.manager
      .chatCompletion(ask('smart'))
      .catch((error: unknown) => error);
    // The primary's pipeline would retry twice more; the call's budget of 2 requests stops it.
    expect(chatRequests()).toHaveLength(2);
    expect(LLMError.is(failure)).toBe(true);
    const error = failure as LLMError;
    expect(error.details).toMatchObject({ route_stop: 'max_attempts' });
    expect(
      error.attempts?.map((attempt) => [
        attempt.attempt,
        attempt.provider,
        attempt.model,
        attempt.type,
        attempt.statusCode,
      ]),
    ).toEqual([
      [1, 'openai', 'gpt-4o', 'server_error', 503],
      [2, 'openai', 'gpt-4o', 'server_error', 503],
    ]);
    expect(error.attempts?.every((attempt) => typeof attempt.duration_ms === 'number')).toBe(true);
  });

  it('counts the requests of every deployment: a failover gets what is left', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml(
        '[llm.retry]\nbase_delay = 1\nmax_delay = 2\n\n[llm.routing]\nmax_attempts = 4\n',
      ),
    });
    fixture.simulator.script({ match: { model: 'gpt-4o' }, error: { status: 503 }, times: 10 });
    await expect(fixture.manager.chatCompletion(ask('smart'))).rejects.toMatchObject({
      details: expect.objectContaining({ route_stop: 'max_attempts' }),
    });
    // Three on the primary (its retry policy), one left for the fallback.
    expect(chatRequests()).toHaveLength(4);
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      provider_name: string;
      final: boolean;
    }[];
    expect(records.map((record) => [record.provider_name, record.final])).toEqual([
      ['openai', false],
      ['openai', false],
      ['openai', false],
      ['backup', true],
    ]);
  });
});

describe('embeddings are routed like chat', () => {
  it('fails over to the next deployment listing the embedding model', async () => {
    fixture = await startManagerFixture({
      extraToml: routingToml(
        '[llm.retry]\nmax_attempts = 1\n\n[llm.providers.openai.models.text-embedding-3-small]\nmode = "embedding"\n\n[llm.providers.backup.models.text-embedding-3-small]\nmode = "embedding"\n',
      ),
    });
    fixture.simulator.script({
      match: { model: 'text-embedding-3-small' },
      error: { status: 503 },
    });
    const response = await fixture.manager.embed({
      model: 'text-embedding-3-small',
      input: ['hello'],
    });
    expect(response.metadata.provider_name).toBe('backup');
    expect(response.embeddings).toHaveLength(1);
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      provider_name: string;
      operation: string;
      final: boolean;
    }[];
    expect(records.map((record) => [record.provider_name, record.operation, record.final])).toEqual(
      [
        ['openai', 'embedding', false],
        ['backup', 'embedding', true],
      ],
    );
  });
});

describe('the routing deadline of an embeddings call', () => {
  it('ends the call with a deadline timeout, its hanging attempt recorded as final', async () => {
    const clock = createManualClock(Date.now());
    fixture = await startManagerFixture({
      extraToml: routingToml(
        '[llm.routing]\ndeadline = 1000\n\n[llm.providers.openai.models.text-embedding-3-small]\nmode = "embedding"\n',
      ),
      manager: { clock },
    });
    fixture.simulator.script({ match: { model: 'text-embedding-3-small' }, fault: 'hang' });
    const call = fixture.manager
      .embed({ model: 'text-embedding-3-small', input: ['hello'] })
      .catch((error: unknown) => error);
    const embedRequests = () =>
      fixture!.simulator.requests.filter((request) => request.path.endsWith('/embeddings'));
    while (embedRequests().length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await clock.advance(1_000);
    expect(await call).toMatchObject({
      type: 'timeout',
      details: expect.objectContaining({ reason: 'deadline' }),
    });
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      outcome: string;
      final: boolean;
    }[];
    expect(records).toEqual([expect.objectContaining({ outcome: 'timeout', final: true })]);
  });
});

describe('embeddings on a provider type without them', () => {
  it('refuses with invalid_request naming the provider, and records the call once', async () => {
    fixture = await startManagerFixture();
    await expect(
      fixture.manager.embed({ model: 'claude-sonnet-4-20250514', input: ['hello'] }),
    ).rejects.toMatchObject({ type: 'invalid_request', providerName: 'claude' });
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      provider_name: string;
      final: boolean;
      operation: string;
    }[];
    expect(records).toEqual([
      expect.objectContaining({ provider_name: 'claude', final: true, operation: 'embedding' }),
    ]);
  });
});

describe('a stream the consumer leaves', () => {
  it('ends its attempt as aborted, with one final record and a call-end', async () => {
    fixture = await startManagerFixture();
    const ends: { outcome: string }[] = [];
    fixture.manager.on('call-end', (event) => ends.push(event));
    fixture.simulator.script({ reply: { text: 'one two three four five six seven eight' } });
    for await (const chunk of fixture.manager.streamCompletion(ask('gpt-4o-mini'))) {
      if (chunk.type === 'text-delta') break;
    }
    const records = JSON.parse(await fixture.manager.usage!.exportUsage('json')) as {
      error_type: string;
      final: boolean;
      attempt: number;
    }[];
    expect(records).toEqual([
      expect.objectContaining({ error_type: 'aborted', final: true, attempt: 1 }),
    ]);
    expect(ends).toEqual([expect.objectContaining({ outcome: 'aborted' })]);
    // Estimating the text shown loads the tokenizer on first use: seconds on a loaded machine.
  }, 20_000);
});
