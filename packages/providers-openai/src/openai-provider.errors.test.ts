import { LLMError, isAbortedLLMError, type LLMErrorType } from '@llm/core';
import type { ScriptedError } from '@llm/testing';
import { describe, expect, it } from 'vitest';
import { drain, openAIConfig, TEST_API_KEY, useSimulator } from './__tests__/simulator';
import { readWireJson } from './__tests__/wire';
import { OpenAIProvider } from './openai-provider';

const simulator = useSimulator();
const provider = (overrides = {}) => new OpenAIProvider(openAIConfig(simulator.current, overrides));
const ask = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

async function failure(promise: Promise<unknown>): Promise<LLMError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!LLMError.is(error)) throw new Error(`expected an LLMError, got ${String(error)}`);
  return error;
}

interface StatusRow {
  name: string;
  error: ScriptedError;
  type: LLMErrorType;
  retryable: boolean;
}

const statusRows: StatusRow[] = [
  { name: '401 invalid key', error: { status: 401 }, type: 'auth', retryable: false },
  { name: '403 forbidden', error: { status: 403 }, type: 'auth', retryable: false },
  { name: '404 unknown model', error: { status: 404 }, type: 'model_not_found', retryable: false },
  {
    name: '400 context length',
    error: {
      status: 400,
      code: 'context_length_exceeded',
      message:
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
    },
    type: 'token_limit',
    retryable: false,
  },
  {
    name: '400 invalid request',
    error: {
      status: 400,
      code: 'invalid_value',
      param: 'temperature',
      message: 'Invalid temperature',
    },
    type: 'invalid_request',
    retryable: false,
  },
  {
    name: '400 unsupported parameter (recorded body)',
    error: { status: 400, body: readWireJson('openai/error-400-unsupported-parameter.json') },
    type: 'invalid_request',
    retryable: false,
  },
  { name: '422 unprocessable', error: { status: 422 }, type: 'invalid_request', retryable: false },
  { name: '408 request timeout', error: { status: 408 }, type: 'timeout', retryable: true },
  { name: '429 rate limit', error: { status: 429 }, type: 'rate_limit', retryable: true },
  {
    name: '429 insufficient_quota (recorded body)',
    error: { status: 429, body: readWireJson('openai/error-429-insufficient-quota.json') },
    type: 'rate_limit',
    retryable: false,
  },
  ...[500, 502, 503, 504, 529].map((status) => ({
    name: `${status}`,
    error: { status },
    type: 'server_error' as const,
    retryable: true,
  })),
];

describe('OpenAIProvider errors over HTTP', () => {
  it.each(statusRows)(
    'maps $name to $type with status, request id and retry-after',
    async ({ error, type, retryable }) => {
      simulator.current.script({
        error,
        headers: { 'x-request-id': 'req_sim_1', 'retry-after': '3' },
      });
      const mapped = await failure(provider().chatCompletion(ask));
      expect(mapped).toMatchObject({
        type,
        retryable,
        statusCode: error.status,
        requestId: 'req_sim_1',
        retryAfterMs: 3000,
        providerName: 'openai',
        model: 'gpt-4o',
      });
    },
  );

  it('prefers retry-after-ms over retry-after', async () => {
    simulator.current.script({
      error: { status: 429 },
      headers: { 'retry-after-ms': '1250', 'retry-after': '9' },
    });
    expect((await failure(provider().chatCompletion(ask))).retryAfterMs).toBe(1250);
  });

  it("carries the provider's own message", async () => {
    simulator.current.script({ error: { status: 400, message: 'temperature must be at most 2' } });
    expect((await failure(provider().chatCompletion(ask))).message).toContain(
      'temperature must be at most 2',
    );
  });

  it('maps an error status of a stream request before any chunk', async () => {
    simulator.current.script({ error: { status: 429 }, headers: { 'x-request-id': 'req_stream' } });
    const { chunks, error } = await drain(provider().streamCompletion(ask));
    expect(chunks).toEqual([]);
    expect(error).toMatchObject({ type: 'rate_limit', statusCode: 429, requestId: 'req_stream' });
  });

  it('maps a socket dropped before the headers to a network error', async () => {
    simulator.current.script({ fault: 'drop-before-headers' });
    expect(await failure(provider().chatCompletion(ask))).toMatchObject({
      type: 'network',
      retryable: true,
    });
  });

  it('maps a refused connection to a network error', async () => {
    const closed = await failure(
      provider({ base_url: 'http://127.0.0.1:9/v1' }).chatCompletion(ask),
    );
    expect(closed).toMatchObject({ type: 'network', retryable: true });
  });

  it('maps a server that never answers to a timeout after the configured timeout', async () => {
    simulator.current.script({ fault: 'hang' });
    expect(await failure(provider({ timeout: 150 }).chatCompletion(ask))).toMatchObject({
      type: 'timeout',
      retryable: true,
    });
  });

  it('maps a malformed JSON body to a typed server error', async () => {
    simulator.current.script({ fault: 'malformed-json' });
    expect(await failure(provider().chatCompletion(ask))).toMatchObject({
      type: 'server_error',
      details: { malformed_response: true },
    });
  });

  it("reports the caller's abort of a pending call as an aborted error", async () => {
    simulator.current.script({ fault: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(
      isAbortedLLMError(
        await failure(provider().chatCompletion(ask, { signal: controller.signal })),
      ),
    ).toBe(true);
  });

  it('never shows the API key in an authentication error', async () => {
    simulator.current.script({
      error: { status: 401, message: `Incorrect API key provided: ${TEST_API_KEY}.` },
    });
    const mapped = await failure(provider().chatCompletion(ask));
    expect(mapped.message).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(mapped)).not.toContain(TEST_API_KEY);
  });

  it('reports a missing key as an authentication error before any request', async () => {
    const previous = process.env['OPENAI_API_KEY'];
    delete process.env['OPENAI_API_KEY'];
    try {
      const mapped = await failure(provider({ api_key: undefined }).chatCompletion(ask));
      expect(mapped).toMatchObject({ type: 'auth', retryable: false });
      expect(simulator.current.requests).toHaveLength(0);
    } finally {
      if (previous !== undefined) process.env['OPENAI_API_KEY'] = previous;
    }
  });
});
