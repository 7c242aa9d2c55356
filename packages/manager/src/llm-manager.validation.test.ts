import { afterEach, describe, expect, it } from 'vitest';
import { LLMError, type LLMRequest, type UsageRecord } from '@llm/core';
import { drain, startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const records = async () =>
  JSON.parse(await fixture!.manager.usage!.exportUsage('json')) as UsageRecord[];
const malformed = (value: unknown) => value as LLMRequest;
const hello = [{ role: 'user' as const, content: 'hi' }];

async function refusal(call: Promise<unknown>): Promise<LLMError> {
  const failure = await call.catch((error: unknown) => error);
  expect(LLMError.is(failure)).toBe(true);
  return failure as LLMError;
}

describe('manager request validation', () => {
  it('rejects chatCompletion(null), streamCompletion(undefined) and embed(null) with invalid_request, sending nothing', async () => {
    fixture = await startManagerFixture();
    const { manager } = fixture;
    const failures = [
      await refusal(manager.chatCompletion(malformed(null))),
      await refusal(
        drain(manager.streamCompletion(malformed(undefined))).then((r) => {
          throw r.error;
        }),
      ),
      await refusal(manager.embed(malformed(null) as never)),
    ];
    for (const failure of failures) {
      expect(failure.type).toBe('invalid_request');
      expect(failure.message).toContain('(request)');
    }
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('names the malformed field of a chat request in its invalid_request error', async () => {
    fixture = await startManagerFixture();
    const cases: [unknown, string][] = [
      [{ model: 'gpt-4o-mini', messages: 'hi' }, 'messages'],
      [{ model: 'gpt-4o-mini', messages: hello, temperature: Number.NaN }, 'temperature'],
      [{ model: 'gpt-4o-mini', messages: hello, max_tokens: -5 }, 'max_tokens'],
      [{ model: 'gpt-4o-mini', messages: [{ role: 'wizard', content: 'hi' }] }, 'messages.0'],
      [{ model: 7, messages: hello }, 'model'],
    ];
    for (const [request, field] of cases) {
      const failure = await refusal(fixture.manager.chatCompletion(malformed(request)));
      expect(failure.type).toBe('invalid_request');
      expect(failure.message).toContain(`${field}`);
      expect(failure.details?.['issues']).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(field) })]),
      );
    }
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('names the malformed field of an embeddings request', async () => {
    fixture = await startManagerFixture();
    const failure = await refusal(
      fixture.manager.embed({ model: 'text-embedding-3-small', input: 42 } as never),
    );
    expect(failure).toMatchObject({ type: 'invalid_request' });
    expect(failure.message).toContain('input');
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('validates before estimating tokens: with a tokens_per_minute limit, malformed messages are invalid_request', async () => {
    fixture = await startManagerFixture({
      extraToml: '[llm.providers.openai.rate_limit]\ntokens_per_minute = 100000\n',
    });
    for (const messages of [5, [{ role: 'user', content: 5 }]]) {
      const failure = await refusal(
        fixture.manager.chatCompletion(malformed({ model: 'gpt-4o-mini', messages })),
      );
      expect(failure.type).toBe('invalid_request');
      expect(failure.message).toContain('messages');
    }
    const valid = await fixture.manager.chatCompletion({ model: 'gpt-4o-mini', messages: hello });
    expect(valid.success).toBe(true);
  });

  it('leaves exactly one ledger record for a request whose model is not a string', async () => {
    fixture = await startManagerFixture();
    await refusal(fixture.manager.chatCompletion(malformed({ model: 7, messages: hello })));
    expect(await records()).toEqual([
      expect.objectContaining({
        model_name: '(invalid)',
        success: false,
        error_type: 'invalid_request',
      }),
    ]);
  });

  it('leaves one ledger record for every refused call, null requests and unknown providers included', async () => {
    fixture = await startManagerFixture();
    const { manager } = fixture;
    await refusal(manager.chatCompletion(malformed(null)));
    await refusal(manager.embed(malformed(null) as never));
    await refusal(
      manager.chatCompletion({
        provider: 'nope',
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    const written = await records();
    expect(written).toHaveLength(3);
    expect(written.map((record) => [record.provider_name, record.success])).toEqual([
      ['(none)', false],
      ['(none)', false],
      ['nope', false],
    ]);
  });
});
