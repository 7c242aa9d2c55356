import { afterEach, describe, expect, it } from 'vitest';
import { LLMError, type LLMRequest } from '@llm/core';
import {
  drain,
  startManagerFixture,
  type ManagerFixture,
  ledgerRecords,
} from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const records = () => ledgerRecords(fixture!.manager);
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

  it('refuses a prompt beyond the catalog context window of a model with no context_window configured, naming both numbers and sending nothing', async () => {
    fixture = await startManagerFixture({ extraToml: '[llm.providers.openai.models.gpt-4o]\n' });
    const failure = await refusal(
      fixture.manager.chatCompletion({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'word '.repeat(600_000) }],
        max_tokens: 1000,
      }),
    );
    expect(failure.type).toBe('token_limit');
    expect(failure.message).toMatch(
      /The prompt \(about \d{6} tokens\) plus max_tokens 1000 exceeds the context window of model "gpt-4o" \(128000 tokens, from the price catalog entry "gpt-4o"\)/,
    );
    expect(fixture.simulator.requests).toHaveLength(0);
    expect(await records()).toEqual([
      expect.objectContaining({ model_name: 'gpt-4o', success: false, error_type: 'token_limit' }),
    ]);
  });

  describe('capabilities the config does not set come from the catalog', () => {
    const withImage = (model: string): LLMRequest => ({
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    });

    it('refuses an image to gpt-3.5-turbo and o3-mini before dispatch, saying to set supports_vision = true', async () => {
      fixture = await startManagerFixture({
        extraToml:
          '[llm.providers.openai.models.o3-mini]\n' +
          '[llm.providers.openai.models.turbo]\nmodel_id = "gpt-3.5-turbo"\n',
      });
      for (const [model, table] of [
        ['o3-mini', '[llm.providers.openai.models.o3-mini]'],
        ['turbo', '[llm.providers.openai.models.turbo]'],
      ] as const) {
        const failure = await refusal(fixture.manager.visionCompletion(withImage(model)));
        expect(failure.type).toBe('invalid_request');
        expect(failure.message).toContain('does not take images according to the price catalog');
        expect(failure.message).toContain(`set supports_vision = true in ${table}`);
      }
      expect(fixture.simulator.requests).toHaveLength(0);
    });

    it('lets the config win: supports_vision = true sends an image to o3-mini', async () => {
      fixture = await startManagerFixture({
        extraToml: '[llm.providers.openai.models.o3-mini]\nsupports_vision = true\n',
      });
      const response = await fixture.manager.visionCompletion(withImage('o3-mini'));
      expect(response.success).toBe(true);
      expect(fixture.simulator.requests).toHaveLength(1);
    });

    it('refuses tools to a model the catalog marks without function calling unless supports_tools = true', async () => {
      fixture = await startManagerFixture({
        extraToml:
          '[llm.providers.openai.models.gpt-4-0314]\n' +
          '[llm.providers.openai.models."gpt-3.5-turbo-16k"]\nsupports_tools = true\n',
      });
      const ask = (model: string): LLMRequest => ({
        model,
        messages: hello,
        tools: [{ type: 'function', function: { name: 'forecast' } }],
      });
      const failure = await refusal(fixture.manager.callWithTools(ask('gpt-4-0314'), []));
      expect(failure.type).toBe('invalid_request');
      expect(failure.message).toContain(
        'set supports_tools = true in [llm.providers.openai.models.gpt-4-0314]',
      );
      expect(fixture.simulator.requests).toHaveLength(0);
      const accepted = await fixture.manager.chatCompletion(ask('gpt-3.5-turbo-16k'));
      expect(accepted.success).toBe(true);
      expect(fixture.simulator.requests).toHaveLength(1);
    });

    it('does not restrict a model the catalog does not know', async () => {
      fixture = await startManagerFixture({
        extraToml: '[llm.providers.openai.models.house-model-7]\n',
      });
      const response = await fixture.manager.visionCompletion(withImage('house-model-7'));
      expect(response.success).toBe(true);
    });
  });
});
