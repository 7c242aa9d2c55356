import { describe, expect, it } from 'vitest';
import { anthropicClient, azureClient, openaiClient, sharedSimulator } from '../__tests__/clients';
import { startSimulator } from '../start-simulator';
import { DEFAULT_ANTHROPIC_MODELS, DEFAULT_OPENAI_MODELS, anthropicDisplayName } from './models';

const simulator = await sharedSimulator();

describe('GET /v1/models', () => {
  it("lists OpenAI models in OpenAI's shape", async () => {
    const page = await openaiClient(simulator).models.list();
    expect(page.data.map((model) => model.id)).toEqual(DEFAULT_OPENAI_MODELS);
    expect(page.data[0]).toEqual({
      id: DEFAULT_OPENAI_MODELS[0],
      object: 'model',
      created: expect.any(Number),
      owned_by: expect.any(String),
    });
  });

  it("lists Claude models in Anthropic's shape for Anthropic clients", async () => {
    const models = [];
    for await (const model of anthropicClient(simulator).models.list()) models.push(model);
    expect(models.map((model) => model.id)).toEqual(DEFAULT_ANTHROPIC_MODELS);
    expect(models[0]).toMatchObject({
      type: 'model',
      display_name: expect.any(String),
      created_at: expect.any(String),
    });
  });

  it('retrieves one model and 404s an unknown one', async () => {
    const openai = openaiClient(simulator);
    expect((await openai.models.retrieve('gpt-4o')).id).toBe('gpt-4o');
    await expect(openai.models.retrieve('gpt-unknown')).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });

  it('lists models for Azure clients', async () => {
    const page = await azureClient(simulator).models.list();
    expect(page.data.length).toBeGreaterThan(0);
    expect(simulator.requests[0]?.path).toBe('/openai/models');
  });

  it('lists the models given in the options', async () => {
    const custom = await startSimulator({ models: ['my-model'] });
    try {
      expect((await openaiClient(custom).models.list()).data.map((model) => model.id)).toEqual([
        'my-model',
      ]);
    } finally {
      await custom.close();
    }
  });

  it('lets a step aimed at the models protocol fail the listing', async () => {
    simulator.script({ match: { protocol: 'models' }, error: { status: 503 } });
    await expect(openaiClient(simulator).models.list()).rejects.toMatchObject({ status: 503 });
  });
});

it.each([
  ['claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5'],
  ['claude-opus-5', 'Claude Opus 5'],
  ['claude-3-opus-20240229', 'Claude 3 Opus'],
])('names %s as %s', (id, name) => {
  expect(anthropicDisplayName(id)).toBe(name);
});
