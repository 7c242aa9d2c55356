import { LLMError, isAbortedLLMError, type LLMErrorType } from '@llm/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWireJson } from '../__tests__/wire';
import { loadOpenAISdk } from '../openai-sdk';
import { mapOpenAIError, type OpenAIErrorRule } from './map-openai-error';

// In an application the first provider loads the SDK before any SDK error can exist.
beforeAll(async () => {
  await loadOpenAISdk();
});

const headers = (extra: Record<string, string> = {}) =>
  new Headers({ 'x-request-id': 'req_123', ...extra });
const httpError = (
  status: number,
  error: Record<string, unknown>,
  extra?: Record<string, string>,
) => APIError.generate(status, { error }, undefined, headers(extra));
const map = (error: unknown) =>
  mapOpenAIError(error, { providerName: 'openai', model: 'gpt-4o', now: 0 });

interface Row {
  name: string;
  error: unknown;
  type: LLMErrorType;
  retryable: boolean;
}

const rows: Row[] = [
  {
    name: '401',
    error: httpError(401, { message: 'Incorrect API key provided' }),
    type: 'auth',
    retryable: false,
  },
  {
    name: '403',
    error: httpError(403, { message: 'Country not supported' }),
    type: 'auth',
    retryable: false,
  },
  {
    name: '404',
    error: httpError(404, { message: 'The model `gpt-9` does not exist', code: 'model_not_found' }),
    type: 'model_not_found',
    retryable: false,
  },
  {
    name: '400 model_not_found',
    error: httpError(400, { message: 'no such model', code: 'model_not_found' }),
    type: 'model_not_found',
    retryable: false,
  },
  {
    name: '400 context length',
    error: httpError(400, {
      message: "This model's maximum context length is 128000 tokens.",
      code: 'context_length_exceeded',
    }),
    type: 'token_limit',
    retryable: false,
  },
  {
    name: '400 unsupported parameter (recorded)',
    error: httpError(
      400,
      readWireJson<{ error: Record<string, unknown> }>(
        'openai/error-400-unsupported-parameter.json',
      ).error,
    ),
    type: 'invalid_request',
    retryable: false,
  },
  {
    name: '422',
    error: httpError(422, { message: 'Unprocessable' }),
    type: 'invalid_request',
    retryable: false,
  },
  {
    name: '413 payload too large',
    error: httpError(413, { message: 'Request too large' }),
    type: 'token_limit',
    retryable: false,
  },
  {
    name: '408',
    error: httpError(408, { message: 'Request timeout' }),
    type: 'timeout',
    retryable: true,
  },
  {
    name: '429 rate limit',
    error: httpError(429, {
      message: 'Rate limit reached',
      type: 'requests',
      code: 'rate_limit_exceeded',
    }),
    type: 'rate_limit',
    retryable: true,
  },
  {
    name: '429 insufficient_quota (recorded)',
    error: httpError(
      429,
      readWireJson<{ error: Record<string, unknown> }>('openai/error-429-insufficient-quota.json')
        .error,
    ),
    type: 'rate_limit',
    retryable: false,
  },
  ...[500, 502, 503, 504, 529].map((status) => ({
    name: String(status),
    error: httpError(status, { message: 'upstream trouble' }),
    type: 'server_error' as const,
    retryable: true,
  })),
  {
    name: 'connection timeout',
    error: new APIConnectionTimeoutError(),
    type: 'timeout',
    retryable: true,
  },
  {
    name: 'connection refused',
    error: new APIConnectionError({
      cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    }),
    type: 'network',
    retryable: true,
  },
  {
    name: 'host not found (ENOTFOUND): not retryable',
    error: new APIConnectionError({
      cause: Object.assign(new TypeError('fetch failed'), {
        cause: { code: 'ENOTFOUND', hostname: 'api.exmple.com' },
      }),
    }),
    type: 'network',
    retryable: false,
  },
  {
    name: 'temporary DNS failure (EAI_AGAIN): retryable',
    error: new APIConnectionError({
      cause: Object.assign(new TypeError('fetch failed'), {
        cause: { code: 'EAI_AGAIN', hostname: 'api.openai.com' },
      }),
    }),
    type: 'network',
    retryable: true,
  },
  {
    name: 'socket dropped mid-stream',
    error: Object.assign(new TypeError('terminated'), { cause: { code: 'UND_ERR_SOCKET' } }),
    type: 'network',
    retryable: true,
  },
  {
    name: 'in-stream server error frame',
    error: new APIError(
      undefined,
      { message: 'The server had an error', type: 'server_error' },
      undefined,
      headers(),
    ),
    type: 'server_error',
    retryable: true,
  },
  {
    name: 'malformed JSON',
    error: new SyntaxError('Unexpected token < in JSON'),
    type: 'server_error',
    retryable: true,
  },
  { name: 'anything else', error: new RangeError('odd'), type: 'unknown', retryable: false },
];

describe('mapOpenAIError', () => {
  it.each(rows)('maps $name to $type (retryable: $retryable)', ({ error, type, retryable }) => {
    const mapped = map(error);
    expect(LLMError.is(mapped)).toBe(true);
    expect({ type: mapped.type, retryable: mapped.retryable }).toEqual({ type, retryable });
    expect(mapped.cause).toBe(error);
  });

  it('carries the status, the x-request-id and the provider message', () => {
    const mapped = map(
      httpError(400, { message: 'Bad temperature', code: 'invalid_value', param: 'temperature' }),
    );
    expect(mapped).toMatchObject({
      statusCode: 400,
      requestId: 'req_123',
      providerName: 'openai',
      model: 'gpt-4o',
    });
    expect(mapped.message).toBe('Provider "openai" answered 400 (invalid_value): Bad temperature');
  });

  it.each([
    [{ 'retry-after-ms': '1500' }, 1500],
    [{ 'retry-after': '7' }, 7000],
    [{ 'retry-after': new Date(60_000).toUTCString() }, 60_000],
  ])('reads the wait the server asked for from %j', (extra, expected) => {
    expect(map(httpError(429, { message: 'slow down' }, extra)).retryAfterMs).toBe(expected);
  });

  it('keeps Azure content-filter categories of a 400 in details', () => {
    const mapped = map(
      httpError(400, {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        code: 'content_filter',
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: {
            violence: { filtered: true, severity: 'medium' },
            hate: { filtered: false, severity: 'safe' },
          },
        },
      }),
    );
    expect(mapped).toMatchObject({ type: 'invalid_request', retryable: false, statusCode: 400 });
    expect(mapped.details).toMatchObject({
      reason: 'content_filter',
      source: 'prompt',
      categories: ['violence'],
    });
  });

  it("reports the caller's abort as an aborted LLMError", () => {
    expect(isAbortedLLMError(map(new APIUserAbortError()))).toBe(true);
  });

  it('reports any failure after the signal aborted as the abort', () => {
    const controller = new AbortController();
    controller.abort();
    const mapped = mapOpenAIError(new TypeError('terminated'), {
      providerName: 'openai',
      signal: controller.signal,
    });
    expect(isAbortedLLMError(mapped)).toBe(true);
  });

  it('never puts a secret into the message', () => {
    const secret = 'sk-test-abcdefghijklmnop';
    const mapped = mapOpenAIError(
      httpError(401, { message: `Incorrect API key provided: ${secret}` }),
      { providerName: 'openai', secrets: [secret] },
    );
    expect(mapped.message).not.toContain(secret);
    expect(JSON.stringify(mapped)).not.toContain(secret);
  });

  it('attaches the usage known so far', () => {
    const usage = { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13, estimated: true };
    expect(
      mapOpenAIError(new TypeError('terminated'), { providerName: 'openai', usage }).usage,
    ).toEqual(usage);
  });

  it('tries extra rules before the default table', () => {
    const rule: OpenAIErrorRule = {
      name: 'busy',
      matches: (facts) => facts.status === 400 && /busy/.test(facts.message),
      type: 'server_error',
      retryable: true,
    };
    const mapped = mapOpenAIError(httpError(400, { message: 'engine busy' }), {
      providerName: 'generic',
      rules: [rule],
    });
    expect(mapped).toMatchObject({ type: 'server_error', retryable: true });
  });

  it('passes an LLMError through, adding the usage it lacks', () => {
    const original = new LLMError({ type: 'network', message: 'cut', providerName: 'openai' });
    const usage = { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 };
    const mapped = mapOpenAIError(original, { providerName: 'openai', usage });
    expect(mapped).toMatchObject({ type: 'network', message: 'cut', usage });
  });
});

describe('network error messages', () => {
  it('names the cause and host of a lookup failure in the message', () => {
    const mapped = map(
      new APIConnectionError({
        cause: Object.assign(new TypeError('fetch failed'), {
          cause: { code: 'ENOTFOUND', hostname: 'api.exmple.com' },
        }),
      }),
    );
    expect(mapped.message).toContain('ENOTFOUND api.exmple.com');
  });
});
