import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import {
  azureConfig,
  drain,
  streamedText,
  TEST_API_KEY,
  useSimulator,
} from '../__tests__/simulator';
import { expectedUsage, readWireSseData, recordedStreamFacts } from '../__tests__/wire';
import { AzureOpenAIProvider } from './azure-openai-provider';

const simulator = useSimulator();
const provider = (options = {}, overrides = {}) =>
  new AzureOpenAIProvider(azureConfig(simulator.current, overrides), options);
const ask = (model = 'gpt-4o') => ({
  model,
  messages: [{ role: 'user' as const, content: 'What is the capital of Denmark?' }],
});

describe('AzureOpenAIProvider over HTTP', () => {
  it("calls the model's deployment with the api-version and the api-key header", async () => {
    const response = await provider().chatCompletion(ask());
    expect(response).toMatchObject({
      success: true,
      content: 'What is the capital of Denmark?',
      model: 'gpt-4o',
    });
    const [request] = simulator.current.requests;
    expect(request).toMatchObject({
      path: '/openai/deployments/prod-gpt4o/chat/completions',
      deployment: 'prod-gpt4o',
      query: { 'api-version': '2024-10-21' },
    });
    expect(request?.headers['api-key']).toBe(TEST_API_KEY);
    expect(request?.headers['authorization']).toBeUndefined();
  });

  it('falls back to the model name when the model has no deployment', async () => {
    await provider({}, { models: [] }).chatCompletion(ask('gpt-4o-mini'));
    expect(simulator.current.requests[0]?.deployment).toBe('gpt-4o-mini');
  });

  it('authenticates with an Entra ID token provider instead of the key', async () => {
    await provider(
      { azureADTokenProvider: async () => 'entra-token' },
      { api_key: undefined },
    ).chatCompletion(ask());
    const [request] = simulator.current.requests;
    expect(request?.headers['authorization']).toBe('Bearer entra-token');
    expect(request?.headers['api-key']).toBeUndefined();
  });

  it('sends max_completion_tokens to a gpt-5 model behind a deployment with another name', async () => {
    await provider().chatCompletion({ ...ask('gpt-5-nano'), max_tokens: 100 });
    expect(simulator.current.requests[0]?.body).toMatchObject({
      model: 'router',
      max_completion_tokens: 100,
    });
  });

  it('streams the recorded Azure answer exactly, skipping the first chunk without choices', async () => {
    const recorded = recordedStreamFacts('azure/chat-stream-model-router.sse');
    const promptFilter = readWireSseData<{ prompt_filter_results?: unknown }>(
      'azure/chat-stream-model-router.sse',
    )[0]!.prompt_filter_results;
    simulator.current.script({ replay: 'azure/chat-stream-model-router.sse' });
    const { chunks, error } = await drain(provider().streamCompletion(ask('gpt-5-nano')));
    expect(error).toBeUndefined();
    expect(streamedText(chunks)).toBe(recorded.text);
    const finish = chunks.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finish_reason: recorded.finishReason });
    expect(finish?.type === 'finish' && finish.usage).toEqual(expectedUsage(recorded.usage));
    expect(finish?.type === 'finish' && finish.metadata?.extra?.['prompt_filter_results']).toEqual(
      promptFilter,
    );
  });

  it('turns a content_filter finish into a typed error carrying the categories', async () => {
    simulator.current.script({ reply: { text: 'Something', content_filter: ['violence'] } });
    const error = await provider()
      .chatCompletion(ask())
      .catch((caught: unknown) => caught);
    expect(LLMError.is(error) && error).toMatchObject({
      type: 'invalid_request',
      retryable: false,
      details: { reason: 'content_filter', source: 'completion', categories: ['violence'] },
    });
    expect((error as LLMError).usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it('ends a stream whose output was filtered with the typed error after the text that arrived', async () => {
    simulator.current.script({
      reply: { text: 'Partial answer', content_filter: ['hate', 'violence'] },
    });
    const { chunks, error } = await drain(provider().streamCompletion(ask()));
    expect(chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    expect(error).toMatchObject({
      type: 'invalid_request',
      details: { reason: 'content_filter', categories: ['hate', 'violence'] },
    });
  });

  it('turns a 400 content_filter error into the typed error carrying the prompt categories', async () => {
    simulator.current.script({
      error: { status: 400, code: 'content_filter', content_filter: ['jailbreak'] },
      headers: { 'x-request-id': 'req_az' },
    });
    const error = await provider()
      .chatCompletion(ask())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      type: 'invalid_request',
      retryable: false,
      statusCode: 400,
      requestId: 'req_az',
      details: { reason: 'content_filter', source: 'prompt', categories: ['jailbreak'] },
    });
  });

  it('embeds through the embedding deployment in batches of its max_batch_size', async () => {
    const response = await provider().embed({
      model: 'text-embedding-3-small',
      input: ['a', 'b', 'c'],
      encoding_format: 'float',
    });
    expect(simulator.current.requests.map((request) => request.path)).toEqual([
      '/openai/deployments/embed-small/embeddings',
      '/openai/deployments/embed-small/embeddings',
    ]);
    expect(response.embeddings).toHaveLength(3);
  });

  it('lists models and reports health through the Azure models endpoint', async () => {
    expect((await provider().listModels()).length).toBeGreaterThan(0);
    expect(await provider().isHealthy()).toBe(true);
    expect(simulator.current.requests[0]).toMatchObject({ method: 'GET', path: '/openai/models' });
  });

  it('reports a config without endpoint as unusable, before any request', async () => {
    const previous = process.env['AZURE_OPENAI_ENDPOINT'];
    delete process.env['AZURE_OPENAI_ENDPOINT'];
    try {
      const error = await provider({}, { endpoint: undefined })
        .chatCompletion(ask())
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ type: 'invalid_request', retryable: false });
      expect(simulator.current.requests).toHaveLength(0);
    } finally {
      if (previous !== undefined) process.env['AZURE_OPENAI_ENDPOINT'] = previous;
    }
  });

  it('reports a config without key or token provider as an authentication error, before any request', async () => {
    const previous = process.env['AZURE_OPENAI_API_KEY'];
    delete process.env['AZURE_OPENAI_API_KEY'];
    try {
      const error = await provider({}, { api_key: undefined })
        .chatCompletion(ask())
        .catch((caught: unknown) => caught);
      expect(LLMError.is(error)).toBe(true);
      expect(error).toMatchObject({ type: 'auth', retryable: false, providerName: 'azure' });
      expect((error as Error).message).toContain('AZURE_OPENAI_API_KEY');
      expect(simulator.current.requests).toHaveLength(0);
    } finally {
      if (previous !== undefined) process.env['AZURE_OPENAI_API_KEY'] = previous;
    }
  });
});
