import { simulatorEmbedding } from '@llm/testing';
import { describe, expect, it } from 'vitest';
import { genericConfig, useSimulator } from './__tests__/simulator';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();
const provider = (maxBatchSize?: number, preset?: string) =>
  new GenericProvider(
    genericConfig(simulator.current, {
      ...(preset ? { preset } : {}),
      models: [
        {
          name: 'nomic-embed-text',
          mode: 'embedding',
          ...(maxBatchSize ? { max_batch_size: maxBatchSize } : {}),
        },
      ],
    }),
  );
const bodies = () =>
  simulator.current.requests.map(
    (request) => request.body as { input: string[]; encoding_format?: string },
  );

describe('GenericProvider.embed over HTTP', () => {
  it('asks for float vectors by default and returns them', async () => {
    const response = await provider(undefined, 'ollama').embed({
      model: 'nomic-embed-text',
      input: 'hello',
    });
    expect(bodies()[0]).toMatchObject({ encoding_format: 'float', input: ['hello'] });
    expect(response.embeddings).toEqual([simulatorEmbedding('hello')]);
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
    expect(response.usage.estimated).toBeUndefined();
  });

  it('splits inputs into batches of max_batch_size, in order, with the usage summed', async () => {
    const inputs = ['one', 'two', 'three', 'four', 'five'];
    const batched = await provider(2).embed({ model: 'nomic-embed-text', input: inputs });
    expect(bodies().map((body) => body.input)).toEqual([
      ['one', 'two'],
      ['three', 'four'],
      ['five'],
    ]);
    expect(batched.embeddings).toEqual(inputs.map((input) => simulatorEmbedding(input)));
    const single = await provider().embed({ model: 'nomic-embed-text', input: inputs });
    expect(batched.usage.prompt_tokens).toBe(single.usage.prompt_tokens);
    expect(batched.usage.total_tokens).toBe(single.usage.total_tokens);
  });

  it('decodes base64 vectors when the request asks for base64', async () => {
    const response = await provider().embed({
      model: 'nomic-embed-text',
      input: ['alpha'],
      encoding_format: 'base64',
    });
    expect(bodies()[0]).toMatchObject({ encoding_format: 'base64' });
    expect(response.embeddings[0]).toEqual(
      simulatorEmbedding('alpha').map((value) => Math.fround(value)),
    );
  });

  it('uses options.embedding_encoding when the request names no encoding', async () => {
    const base64 = new GenericProvider(
      genericConfig(simulator.current, {
        models: [{ name: 'nomic-embed-text', mode: 'embedding' }],
        options: { embedding_encoding: 'base64' },
      }),
    );
    await base64.embed({ model: 'nomic-embed-text', input: 'x' });
    expect(bodies()[0]).toMatchObject({ encoding_format: 'base64' });
  });

  it('estimates (flagged) the usage of an embeddings answer without usage', async () => {
    simulator.current.script({ reply: { usage: null } });
    const response = await provider().embed({ model: 'nomic-embed-text', input: 'no usage here' });
    expect(response.usage).toMatchObject({ estimated: true, completion_tokens: 0 });
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
  });
});
