import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { azureClient, openaiClient, sharedSimulator } from '../__tests__/clients';
import { simulatorTokenCount } from '../answer/simulator-tokens';
import { simulatorEmbedding } from './embeddings';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);
const inputs = ['the first text', 'a second, longer text to embed'];

describe('embeddings through the openai SDK', () => {
  it('decodes the default base64 answer to the simulator vectors', async () => {
    const response = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: inputs,
    });
    expect(simulator.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(response.data.map((item) => item.embedding)).toEqual(
      inputs.map((input) => simulatorEmbedding(input)),
    );
  });

  it('returns floats when asked for floats', async () => {
    const response = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'one',
      encoding_format: 'float',
    });
    expect(response.data[0]?.embedding).toEqual(simulatorEmbedding('one'));
  });

  it('honours dimensions', async () => {
    const response = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'one',
      dimensions: 256,
    });
    expect(response.data[0]?.embedding).toHaveLength(256);
  });

  it("reports usage as the inputs' tokens, total equal to prompt", async () => {
    const response = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: inputs,
    });
    const tokens = inputs.reduce((sum, input) => sum + simulatorTokenCount(input), 0);
    expect(response.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
    expect(response.model).toBe('text-embedding-3-small');
  });

  it('rejects a request without input', async () => {
    const failure = await openai.embeddings
      .create({ model: 'text-embedding-3-small', input: [] })
      .catch((error: unknown) => error);
    expect((failure as APIError).status).toBe(400);
  });

  it("answers Azure's deployment embeddings path with the deployment as model", async () => {
    const azure = azureClient(simulator, 'embedder');
    const response = await azure.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'azure text',
    });
    expect(response.model).toBe('embedder');
    expect(response.data[0]?.embedding).toEqual(simulatorEmbedding('azure text'));
    expect(simulator.requests[0]).toMatchObject({
      path: '/openai/deployments/embedder/embeddings',
      protocol: 'embeddings',
    });
  });
});
