import { describe, expect, it } from 'vitest';
import { drain } from '@llm/testing';
import { ClaudeProvider } from './claude-provider';
import { useSimulator } from './__tests__/use-simulator';

const FIRST_KEY = 'sk-ant-test-first-key-0001';
const SECOND_KEY = 'sk-ant-test-second-key-0002';
const simulator = useSimulator();
const request = {
  model: 'claude-sonnet-4-20250514',
  max_tokens: 50,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

function provider() {
  return new ClaudeProvider({
    name: 'claude',
    type: 'claude',
    api_key: FIRST_KEY,
    api_keys: [FIRST_KEY, SECOND_KEY],
    base_url: simulator.current.anthropicBaseURL,
    models: [{ name: 'claude-sonnet-4-20250514' }],
    enabled: true,
    timeout: 10_000,
  });
}

describe('a key per attempt (CallOptions.apiKey)', () => {
  it('sends chat and stream calls with the key each is given, its own key without one', async () => {
    const claude = provider();
    await claude.chatCompletion(request, { apiKey: SECOND_KEY });
    await claude.chatCompletion(request);
    await drain(claude.streamCompletion(request, { apiKey: SECOND_KEY }));
    expect(simulator.current.requests.map((sent) => sent.headers['x-api-key'])).toEqual([
      SECOND_KEY,
      FIRST_KEY,
      SECOND_KEY,
    ]);
  });

  it('keeps every key of api_keys out of error messages', async () => {
    simulator.current.script({ error: { status: 400, message: `refused ${SECOND_KEY}` } });
    const failure: unknown = await provider()
      .chatCompletion(request, { apiKey: SECOND_KEY })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toContain(SECOND_KEY);
  });
});
