import { LLMError, LLMProviderConfigSchema } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { EchoProvider } from './echo-provider';

const provider = (models: { name: string }[] = [{ name: 'echo-1' }], options = {}) =>
  new EchoProvider(LLMProviderConfigSchema.parse({ name: 'local', type: 'echo', models, options }));

describe('echo provider behaviour', () => {
  it('is healthy without any network and lists its configured models as its own', async () => {
    const echo = provider([{ name: 'echo-1' }, { name: 'echo-2' }]);
    await echo.initialize();
    expect(await echo.isHealthy()).toBe(true);
    expect(await echo.listModels()).toEqual([
      { id: 'echo-1', owned_by: 'local' },
      { id: 'echo-2', owned_by: 'local' },
    ]);
    echo.dispose();
  });

  it('estimates tokens with the core estimator', () => {
    expect(provider().estimateTokens('')).toBe(0);
    expect(provider().estimateTokens('a few words of text')).toBeGreaterThan(0);
  });

  it('refuses a model it does not list as model_not_found, naming the model', async () => {
    const failure = await provider()
      .chatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(LLMError.is(failure)).toBe(true);
    expect(failure).toMatchObject({ type: 'model_not_found', providerName: 'local' });
    expect((failure as LLMError).message).toContain('gpt-4o');
  });

  it('stops before answering when the call is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    await expect(
      provider().chatCompletion(
        { model: 'echo-1', messages: [{ role: 'user', content: 'hi' }] },
        { signal: controller.signal },
      ),
    ).rejects.toThrow('caller gave up');
  });

  it('echoes the text parts of the last user message, skipping the assistant and images', async () => {
    const response = await provider([{ name: 'echo-1' }], { prefix: 42 }).chatCompletion({
      model: 'echo-1',
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'an answer' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look ' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'text', text: 'here' },
          ],
        },
      ],
    });
    // A non-string prefix option is ignored rather than printed.
    expect(response.content).toBe('look here');
    expect(response.usage.total_tokens).toBe(
      response.usage.prompt_tokens + response.usage.completion_tokens,
    );
  });

  it('answers an empty text when there is no user message', async () => {
    const response = await provider().chatCompletion({
      model: 'echo-1',
      messages: [{ role: 'system', content: 'be brief' }],
    });
    expect(response.content).toBe('');
    expect(response.finish_reason).toBe('stop');
  });
});
