import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { drain, openAIConfig, useSimulator } from './__tests__/simulator';
import { OpenAIProvider } from './openai-provider';

const simulator = useSimulator();
const provider = () => new OpenAIProvider(openAIConfig(simulator.current));
const withImage = (model: string) => ({
  model,
  messages: [
    {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'What is it?' },
        { type: 'image_url' as const, image_url: { url: 'https://example.com/cat.png' } },
      ],
    },
  ],
});

describe('OpenAIProvider validation before any network call', () => {
  it('refuses images for a model configured without vision, and the server sees no request', async () => {
    const error = await provider()
      .chatCompletion(withImage('text-only'))
      .catch((caught: unknown) => caught);
    expect(LLMError.is(error) && error).toMatchObject({
      type: 'invalid_request',
      retryable: false,
    });
    expect((error as LLMError).message).toContain('supports_vision');
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('refuses the same request as a stream without sending it', async () => {
    const { chunks, error } = await drain(provider().streamCompletion(withImage('text-only')));
    expect(chunks).toEqual([]);
    expect(error).toMatchObject({ type: 'invalid_request' });
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('refuses a model the provider does not list as model_not_found, naming the configured ones', async () => {
    const error = await provider()
      .chatCompletion({ model: 'gpt-9', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'model_not_found' });
    expect((error as Error).message).toContain('gpt-4o');
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('leaves the config check to the caller that says it ran it (requestChecked), checking only what is its own', async () => {
    // The manager checks against the same config before dispatch; the provider does not again.
    simulator.current.script({ reply: { text: 'sent' } });
    const answer = await provider().chatCompletion(withImage('text-only'), {
      requestChecked: true,
    });
    expect(answer.content).toBe('sent');
    expect(simulator.current.requests).toHaveLength(1);
  });

  it('reports each problem with the field it is in', () => {
    const result = provider().validateRequest({ model: 'gpt-4o', messages: [] } as never);
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.field).toBe('messages');
  });

  it('accepts a well-formed request', () => {
    expect(provider().validateRequest(withImage('gpt-4o'))).toEqual({ valid: true, errors: [] });
  });

  it('estimates tokens with tiktoken for the OpenAI family', () => {
    expect(provider().estimateTokens('Hello world')).toBe(2);
  });
});

describe('OpenAIProvider models and health', () => {
  it('lists the models endpoint', async () => {
    const models = await provider().listModels();
    expect(models.length).toBeGreaterThan(0);
    expect(models[0]).toMatchObject({ id: expect.any(String), owned_by: expect.any(String) });
    expect(simulator.current.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('is healthy when the models endpoint answers', async () => {
    expect(await provider().isHealthy()).toBe(true);
  });

  it('is unhealthy when the models endpoint fails', async () => {
    simulator.current.script({ match: { protocol: 'models' }, error: { status: 503 } });
    expect(await provider().isHealthy()).toBe(false);
  });

  it('is unhealthy when nothing listens', async () => {
    const unreachable = new OpenAIProvider({
      ...openAIConfig(simulator.current),
      base_url: 'http://127.0.0.1:9/v1',
    });
    expect(await unreachable.isHealthy()).toBe(false);
  });
});
