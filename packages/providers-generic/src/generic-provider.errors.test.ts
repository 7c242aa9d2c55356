import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import {
  ask,
  drain,
  genericConfig,
  TEST_API_KEY,
  textOf,
  useSimulator,
} from './__tests__/simulator';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();
const provider = (preset?: string) =>
  new GenericProvider(genericConfig(simulator.current, preset ? { preset } : {}));

async function failure(promise: Promise<unknown>): Promise<LLMError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!LLMError.is(error)) throw new Error(`expected an LLMError, got ${String(error)}`);
  return error;
}

describe('GenericProvider errors over HTTP', () => {
  it('maps a 429 with retry-after to a retryable rate_limit error with its facts', async () => {
    simulator.current.script({
      error: { status: 429, message: 'Rate limit reached for requests' },
      headers: { 'retry-after': '7', 'x-request-id': 'req_generic_429' },
    });
    const error = await failure(provider('groq').chatCompletion(ask()));
    expect(error).toMatchObject({
      type: 'rate_limit',
      retryable: true,
      statusCode: 429,
      requestId: 'req_generic_429',
      retryAfterMs: 7000,
      providerName: 'compatible',
      model: 'chat-model',
    });
    expect(error.message).toMatch(/Rate limit reached/);
  });

  it('maps a 500 to a retryable server_error', async () => {
    simulator.current.script({ error: { status: 500 }, headers: { 'x-request-id': 'req_500' } });
    const error = await failure(provider('deepseek').chatCompletion(ask()));
    expect(error).toMatchObject({
      type: 'server_error',
      retryable: true,
      statusCode: 500,
      requestId: 'req_500',
    });
  });

  it('maps a 402 (an empty DeepSeek or OpenRouter balance) to a rate_limit that retrying cannot lift', async () => {
    simulator.current.script({ error: { status: 402, message: 'Insufficient Balance' } });
    const error = await failure(provider('deepseek').chatCompletion(ask()));
    expect(error).toMatchObject({
      type: 'rate_limit',
      retryable: false,
      statusCode: 402,
      details: expect.objectContaining({ reason: 'insufficient_balance' }),
    });
  });

  it('maps a 401 to auth and keeps the key out of the message', async () => {
    simulator.current.script({
      error: { status: 401, message: `Incorrect API key provided: ${TEST_API_KEY}` },
    });
    const error = await failure(provider().chatCompletion(ask()));
    expect(error).toMatchObject({ type: 'auth', retryable: false, statusCode: 401 });
    expect(error.message).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(error.toJSON())).not.toContain(TEST_API_KEY);
  });

  it('ends a stream that fails midway with a typed error after the text that arrived', async () => {
    simulator.current.script({
      reply: { text: 'partial answer that breaks', chunk_size: 4 },
      fault: 'mid-stream-error',
      afterChunks: 3,
    });
    const { chunks, error } = await drain(provider('qwen').streamCompletion(ask()));
    expect(textOf(chunks)).toBe('partial ');
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({
      type: 'server_error',
      usage: expect.objectContaining({ estimated: true }),
    });
  });
});
