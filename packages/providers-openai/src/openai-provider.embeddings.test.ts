import { simulatorEmbedding } from '@llm/testing';
import { describe, expect, it } from 'vitest';
import { openAIConfig, useSimulator } from './__tests__/simulator';
import { readWireJson } from './__tests__/wire';
import { OpenAIProvider } from './openai-provider';

const simulator = useSimulator();
const provider = (batchSize?: number) =>
  new OpenAIProvider(
    openAIConfig(simulator.current, {
      models: [
        {
          name: 'text-embedding-3-small',
          mode: 'embedding',
          ...(batchSize ? { max_batch_size: batchSize } : {}),
        },
      ],
    }),
  );

describe('OpenAIProvider.embed over HTTP', () => {
  it('embeds one input with the encoding the SDK picks (base64), decoded', async () => {
    const response = await provider().embed({ model: 'text-embedding-3-small', input: 'hello' });
    expect(simulator.current.requests[0]?.body).toMatchObject({
      encoding_format: 'base64',
      input: ['hello'],
    });
    expect(response.embeddings).toHaveLength(1);
    expect(response.embeddings[0]).toEqual(
      simulatorEmbedding('hello').map((value) => Math.fround(value)),
    );
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
    expect(response.usage.estimated).toBeUndefined();
  });

  it('decodes base64 itself when the caller asks for base64 explicitly', async () => {
    const response = await provider().embed({
      model: 'text-embedding-3-small',
      input: ['alpha', 'beta'],
      encoding_format: 'base64',
    });
    expect(response.embeddings).toEqual(
      ['alpha', 'beta'].map((input) =>
        simulatorEmbedding(input).map((value) => Math.fround(value)),
      ),
    );
  });

  it('reads float vectors when the caller asks for float', async () => {
    const response = await provider().embed({
      model: 'text-embedding-3-small',
      input: ['alpha'],
      encoding_format: 'float',
    });
    expect(simulator.current.requests[0]?.body).toMatchObject({ encoding_format: 'float' });
    expect(response.embeddings[0]).toEqual(simulatorEmbedding('alpha'));
  });

  it('splits inputs by max_batch_size, keeps input order and sums the usage', async () => {
    const inputs = ['one', 'two', 'three', 'four', 'five'];
    const response = await provider(2).embed({
      model: 'text-embedding-3-small',
      input: inputs,
      encoding_format: 'float',
    });
    const batches = simulator.current.requests.map(
      (request) => (request.body as { input: string[] }).input,
    );
    expect(batches).toEqual([['one', 'two'], ['three', 'four'], ['five']]);
    expect(response.embeddings).toEqual(inputs.map((input) => simulatorEmbedding(input)));
    const single = await provider().embed({
      model: 'text-embedding-3-small',
      input: inputs,
      encoding_format: 'float',
    });
    expect(response.usage.prompt_tokens).toBe(single.usage.prompt_tokens);
    expect(response.metadata.raw_usage).toHaveLength(3);
  });

  it('passes dimensions through', async () => {
    await provider().embed({ model: 'text-embedding-3-small', input: 'x', dimensions: 4 });
    expect(simulator.current.requests[0]?.body).toMatchObject({ dimensions: 4 });
  });

  it('returns the recorded float embeddings and usage exactly', async () => {
    const recorded = readWireJson<{
      data: Array<{ embedding: number[] }>;
      usage: { prompt_tokens: number; total_tokens: number };
    }>('openai/embeddings-float.json');
    simulator.current.script({ replay: 'openai/embeddings-float.json' });
    const response = await provider().embed({
      model: 'text-embedding-3-small',
      input: ['sunny day at the beach', 'rainy day in the city'],
      encoding_format: 'float',
    });
    expect(response.embeddings).toEqual(recorded.data.map((item) => item.embedding));
    expect(response.usage).toEqual({
      prompt_tokens: recorded.usage.prompt_tokens,
      completion_tokens: 0,
      total_tokens: recorded.usage.total_tokens,
    });
  });

  it('refuses an unlisted model before any request', async () => {
    const error = await provider()
      .embed({ model: 'nope', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'model_not_found' });
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('maps an embeddings error status', async () => {
    simulator.current.script({ error: { status: 429 }, headers: { 'x-request-id': 'req_e' } });
    const error = await provider()
      .embed({ model: 'text-embedding-3-small', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'rate_limit', statusCode: 429, requestId: 'req_e' });
  });
});
