import { describe, expect, it } from 'vitest';
import { GenericProvider } from './generic-provider';
import { genericConfig, TEST_API_KEY, useSimulator } from './__tests__/simulator';

const SECOND_KEY = 'sk-test-generic-second-key-0002';
const simulator = useSimulator();
const request = { model: 'chat-model', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('a key per attempt (CallOptions.apiKey)', () => {
  it('sends each call with the key it is given, in the configured auth style', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, { api_keys: [TEST_API_KEY, SECOND_KEY] }),
    );
    await provider.chatCompletion(request, { apiKey: SECOND_KEY });
    await provider.chatCompletion(request);
    expect(simulator.current.requests.map((sent) => sent.headers['authorization'])).toEqual([
      `Bearer ${SECOND_KEY}`,
      `Bearer ${TEST_API_KEY}`,
    ]);
  });
});
