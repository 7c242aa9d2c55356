import { describe, expect, it } from 'vitest';
import { genericConfig, useSimulator } from './__tests__/simulator';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();
const lastBody = () => simulator.current.requests.at(-1)?.body as Record<string, unknown>;
const preset = (name: string) =>
  new GenericProvider(genericConfig(simulator.current, { preset: name }));

describe('preset quirks over HTTP', () => {
  it('deepseek drops logprobs for deepseek-reasoner but keeps them for other models', async () => {
    const provider = preset('deepseek');
    const withLogprobs = (model: string) => ({
      model,
      messages: [{ role: 'user' as const, content: 'hi' }],
      extra_body: { logprobs: true, top_logprobs: 2 },
    });
    await provider.chatCompletion(withLogprobs('deepseek-reasoner'));
    expect(lastBody()).not.toHaveProperty('logprobs');
    expect(lastBody()).not.toHaveProperty('top_logprobs');
    await provider.chatCompletion(withLogprobs('chat-model'));
    expect(lastBody()).toMatchObject({ logprobs: true, top_logprobs: 2 });
  });

  it('groq drops logprobs, logit_bias, top_logprobs and message names', async () => {
    await preset('groq').chatCompletion({
      model: 'chat-model',
      messages: [
        { role: 'system', content: 'Be brief.', name: 'house-rules' },
        { role: 'user', content: 'hi', name: 'ada' },
      ],
      extra_body: { logprobs: true, logit_bias: { '50256': -100 }, top_logprobs: 1 },
    });
    expect(lastBody()).toEqual({
      model: 'chat-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
  });

  it('mistral sends seed as random_seed and no stream_options on streams', async () => {
    const stream = preset('mistral').streamCompletion({
      model: 'chat-model',
      messages: [{ role: 'user', content: 'hi' }],
      seed: 7,
    });
    for await (const _chunk of stream) void _chunk;
    expect(lastBody()).toMatchObject({ random_seed: 7, stream: true });
    expect(lastBody()).not.toHaveProperty('seed');
    expect(lastBody()).not.toHaveProperty('stream_options');
  });

  it('xai drops the penalties and stop for reasoning models only', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, {
        preset: 'xai',
        models: [{ name: 'grok-3-mini' }, { name: 'grok-2' }],
      }),
    );
    const request = (model: string) => ({
      model,
      messages: [{ role: 'user' as const, content: 'hi' }],
      presence_penalty: 0.5,
      frequency_penalty: 0.5,
      stop: ['END'],
    });
    await provider.chatCompletion(request('grok-3-mini'));
    expect(Object.keys(lastBody()).sort()).toEqual(['messages', 'model']);
    await provider.chatCompletion(request('grok-2'));
    expect(lastBody()).toMatchObject({
      presence_penalty: 0.5,
      frequency_penalty: 0.5,
      stop: ['END'],
    });
  });

  it.each([
    'qwen',
    'zhipu',
    'moonshot',
    'ollama',
    'vllm',
    'lmstudio',
    'openrouter',
    'groq',
    'together',
    'xai',
    'gemini',
    'deepseek',
  ])('%s asks for usage on streams with stream_options.include_usage', async (name) => {
    for await (const _chunk of preset(name).streamCompletion({
      model: 'chat-model',
      messages: [{ role: 'user', content: 'hi' }],
    }))
      void _chunk;
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});
