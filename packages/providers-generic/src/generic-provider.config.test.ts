import { describe, expect, it } from 'vitest';
import { ask, genericConfig, useSimulator } from './__tests__/simulator';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();

describe('GenericProvider config over HTTP', () => {
  it('sends the extra headers and query parameters of the config on every request', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, {
        headers: { 'x-team': 'search', 'HTTP-Referer': 'https://example.app' },
        query: { 'api-version': '2024-06-01', tenant: 'eu' },
      }),
    );
    await provider.chatCompletion(ask());
    await provider.listModels();
    for (const request of simulator.current.requests) {
      expect(request.headers).toMatchObject({
        'x-team': 'search',
        'http-referer': 'https://example.app',
      });
      expect(request.query).toEqual({ 'api-version': '2024-06-01', tenant: 'eu' });
    }
    expect(simulator.current.requests.map((request) => request.path)).toEqual([
      '/v1/chat/completions',
      '/v1/models',
    ]);
  });

  it('lets the config base_url override the preset one (the simulator stands in for DeepSeek)', async () => {
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'deepseek' }));
    expect(provider.config.base_url).toBe(simulator.current.openaiBaseURL);
    const response = await provider.chatCompletion(ask('Hello DeepSeek'));
    expect(response.content).toBe('Hello DeepSeek');
    expect(response.metadata).toMatchObject({
      provider_name: 'compatible',
      provider_type: 'generic',
    });
  });

  it('lets options override the preset quirks (Mistral without stream_options, re-enabled)', async () => {
    const mistral = (options?: Record<string, unknown>) =>
      new GenericProvider(genericConfig(simulator.current, { preset: 'mistral', options }));
    for await (const _chunk of mistral().streamCompletion(ask())) void _chunk;
    for await (const _chunk of mistral({ include_stream_usage: true }).streamCompletion(ask()))
      void _chunk;
    const [presetBody, overriddenBody] = simulator.current.requests.map(
      (request) => request.body as Record<string, unknown>,
    );
    expect(presetBody).not.toHaveProperty('stream_options');
    expect(overriddenBody).toMatchObject({ stream_options: { include_usage: true } });
  });

  it('sends the token cap as max_completion_tokens when options.max_completion_tokens is true', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, { options: { max_completion_tokens: true } }),
    );
    await provider.chatCompletion({ ...ask(), max_tokens: 40 });
    const body = simulator.current.requests[0]?.body as Record<string, unknown>;
    expect(body['max_completion_tokens']).toBe(40);
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('lists the models of the server', async () => {
    const provider = new GenericProvider(genericConfig(simulator.current));
    const models = await provider.listModels();
    expect(models.length).toBeGreaterThan(0);
    expect(models[0]).toMatchObject({ id: expect.any(String) });
    await expect(provider.isHealthy()).resolves.toBe(true);
  });

  it('reports an unreachable server as unhealthy', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, { base_url: 'http://127.0.0.1:9/v1', timeout: 2000 }),
    );
    await expect(provider.isHealthy()).resolves.toBe(false);
  });
});
