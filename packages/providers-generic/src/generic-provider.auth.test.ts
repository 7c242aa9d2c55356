import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import {
  ask,
  genericConfig,
  TEST_API_KEY,
  unroutedBaseURL,
  useSimulator,
} from './__tests__/simulator';
import type { AuthStyle } from './presets';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();
const UNROUTED_CHAT = '/compatible-mode/v1/chat/completions';

/** Answers the next call on the unrouted path with a recorded completion, whatever its auth. */
function answerUnrouted() {
  simulator.current.script({
    match: { path: UNROUTED_CHAT },
    replay: 'openai/chat-nonstream-text.json',
  });
}

describe('GenericProvider auth over HTTP', () => {
  it('sends the key of a preset provider as a bearer token', async () => {
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'deepseek' }));
    await provider.chatCompletion(ask());
    const [request] = simulator.current.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers['authorization']).toBe(`Bearer ${TEST_API_KEY}`);
    expect(request?.headers['x-stainless-retry-count']).toBe('0');
  });

  it.each<[AuthStyle, string]>([
    ['api-key', 'api-key'],
    ['x-api-key', 'x-api-key'],
  ])('sends the key only in the %s header with auth_style = "%s"', async (style, header) => {
    answerUnrouted();
    const provider = new GenericProvider(
      genericConfig(simulator.current, {
        base_url: unroutedBaseURL(simulator.current),
        auth_style: style,
      }),
    );
    const response = await provider.chatCompletion(ask());
    expect(response.content).toMatch(/Galaxy Day/);
    const [request] = simulator.current.requests;
    expect(request?.path).toBe(UNROUTED_CHAT);
    expect(request?.headers[header]).toBe(TEST_API_KEY);
    expect(request?.headers).not.toHaveProperty('authorization');
  });

  it('sends no key at all with auth_style = "none", even when one is configured', async () => {
    answerUnrouted();
    const provider = new GenericProvider(
      genericConfig(simulator.current, {
        base_url: unroutedBaseURL(simulator.current),
        auth_style: 'none',
      }),
    );
    await provider.chatCompletion(ask());
    const headers = simulator.current.requests[0]?.headers ?? {};
    expect(JSON.stringify(headers)).not.toContain(TEST_API_KEY);
    expect(headers).not.toHaveProperty('authorization');
  });

  it('calls a local server preset (ollama) without any auth header when no key is set', async () => {
    answerUnrouted();
    const provider = new GenericProvider(
      genericConfig(simulator.current, {
        preset: 'ollama',
        api_key: undefined,
        base_url: unroutedBaseURL(simulator.current),
      }),
    );
    const response = await provider.chatCompletion(ask());
    expect(response.success).toBe(true);
    const headers = simulator.current.requests[0]?.headers ?? {};
    expect(headers).not.toHaveProperty('authorization');
    expect(headers).not.toHaveProperty('api-key');
  });

  it('refuses a remote preset without a key before any request, as an auth error', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, { preset: 'groq', api_key: undefined }),
    );
    const error = await provider.chatCompletion(ask()).catch((caught: unknown) => caught);
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({ type: 'auth', retryable: false, providerName: 'compatible' });
    expect((error as Error).message).toMatch(/Groq needs an api_key/);
    expect(simulator.current.requests).toHaveLength(0);
  });

  it('refuses a remote preset without a key at a lazy start-up, before the SDK loads', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, { preset: 'groq', api_key: undefined }),
    );
    const error = await provider.initialize({ lazy: true }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'auth', retryable: false, providerName: 'compatible' });
    expect((error as Error).message).toMatch(/Groq needs an api_key/);
  });

  it('starts lazily with a key and answers its first call', async () => {
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'groq' }));
    await provider.initialize({ lazy: true });
    expect((await provider.chatCompletion(ask())).success).toBe(true);
    provider.dispose();
  });

  it('never reads OPENAI_API_KEY from the environment', async () => {
    const saved = process.env['OPENAI_API_KEY'];
    process.env['OPENAI_API_KEY'] = 'sk-openai-key-that-must-stay-home';
    try {
      answerUnrouted();
      const provider = new GenericProvider(
        genericConfig(simulator.current, {
          api_key: undefined,
          base_url: unroutedBaseURL(simulator.current),
        }),
      );
      await provider.chatCompletion(ask());
      const headers = simulator.current.requests[0]?.headers ?? {};
      expect(JSON.stringify(headers)).not.toContain('sk-openai-key-that-must-stay-home');
    } finally {
      if (saved === undefined) delete process.env['OPENAI_API_KEY'];
      else process.env['OPENAI_API_KEY'] = saved;
    }
  });
});
