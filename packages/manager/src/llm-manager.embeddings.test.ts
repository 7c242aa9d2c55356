import { afterEach, describe, expect, it } from 'vitest';
import { LLMError } from '@llm/core';
import {
  startManagerFixture,
  TEST_ENV,
  type ManagerFixture,
  ledgerRecords,
} from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const embeddingModel = `
[llm.providers.openai.models.text-embedding-3-small]
mode = "embedding"

[llm.providers.openai.models.text-embedding-3-small.pricing]
currency = "USD"
unit = "million_tokens"
input_price = 0.02
output_price = 0
`;
const records = () => ledgerRecords(fixture!.manager);

describe('manager embeddings', () => {
  it('returns one vector per input, priced at the input price and recorded once', async () => {
    fixture = await startManagerFixture({ extraToml: embeddingModel });
    const response = await fixture.manager.embed({
      model: 'text-embedding-3-small',
      input: ['first text', 'second text'],
      dimensions: 4,
      tags: { feature: 'search' },
    });
    expect(response.embeddings).toHaveLength(2);
    for (const vector of response.embeddings) expect(vector).toHaveLength(4);
    const prompt = response.usage.prompt_tokens;
    expect(prompt).toBeGreaterThan(0);
    // 0.02 USD per million input tokens, exactly.
    expect(response.usage.cost).toBeCloseTo((prompt * 0.02) / 1_000_000, 12);
    expect(response.usage.currency).toBe('USD');
    const [record, ...rest] = await records();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({
      success: true,
      provider_name: 'openai',
      model_name: 'text-embedding-3-small',
      operation: 'embedding',
      prompt_tokens: prompt,
      completion_tokens: 0,
      tags: { feature: 'search' },
    });
    // The ledger keeps the exact decimal: prompt tokens × 0.02 / 1,000,000.
    expect(Number(record!.cost_decimal)).toBe((prompt * 2) / 1e8);
    expect(fixture.simulator.requests.map((request) => request.protocol)).toEqual(['embeddings']);
  });

  it('refuses embeddings on a provider that has none, sending nothing and recording the refusal', async () => {
    fixture = await startManagerFixture();
    const failure = await fixture.manager
      .embed({ provider: 'claude', model: 'claude-sonnet-4-20250514', input: 'text' })
      .catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({
      type: 'invalid_request',
      providerName: 'claude',
      retryable: false,
      message: 'Provider "claude" (type claude) does not support embeddings',
    });
    expect(fixture.simulator.requests).toHaveLength(0);
    expect(await records()).toEqual([
      expect.objectContaining({
        success: false,
        provider_name: 'claude',
        error_type: 'invalid_request',
      }),
    ]);
  });

  it('records a refused call under the disabled provider it named', async () => {
    fixture = await startManagerFixture({
      extraToml: embeddingModel,
      manager: { env: { TEST_ANTHROPIC_KEY: TEST_ENV.TEST_ANTHROPIC_KEY } },
    });
    const failure = await fixture.manager
      .embed({ provider: 'openai', model: 'text-embedding-3-small', input: 'text' })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: 'auth', providerName: 'openai', retryable: false });
    expect((failure as LLMError).message).toContain('TEST_OPENAI_KEY is not set');
    expect(fixture.simulator.requests).toHaveLength(0);
    expect((await records()).map((record) => [record.provider_name, record.error_type])).toEqual([
      ['openai', 'auth'],
    ]);
  });

  it('maps a provider error on an embeddings call to a typed error and records it', async () => {
    fixture = await startManagerFixture({
      extraToml: `${embeddingModel}\n[llm.retry]\nmax_attempts = 1\n`,
    });
    fixture.simulator.script({
      error: { status: 400, message: 'encoding_format must be float or base64' },
    });
    await expect(
      fixture.manager.embed({ model: 'text-embedding-3-small', input: 'text' }),
    ).rejects.toMatchObject({ type: 'invalid_request', providerName: 'openai' });
    expect(await records()).toEqual([
      expect.objectContaining({ success: false, error_type: 'invalid_request' }),
    ]);
  });
});
