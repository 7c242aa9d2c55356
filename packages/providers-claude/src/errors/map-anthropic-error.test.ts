import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { LLMError, LLMErrorType, isAbortedLLMError } from '@llm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnthropicSdk } from '../anthropic-sdk';
import { mapAnthropicError, unexpectedResponseError } from './map-anthropic-error';

// In an application the first call of a Claude provider loads the SDK before any SDK error exists.
beforeAll(async () => {
  await loadAnthropicSdk();
});

const context = {
  providerName: 'claude-main',
  model: 'claude-sonnet-4-5',
  secrets: ['sk-ant-secret-key'],
};

function httpError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): APIError {
  return APIError.generate(
    status,
    { type: 'error', error: { type, message } },
    undefined,
    new Headers(headers),
  );
}

describe('mapAnthropicError', () => {
  it.each([
    [401, 'authentication_error', LLMErrorType.AUTHENTICATION_ERROR, false],
    [403, 'permission_error', LLMErrorType.AUTHENTICATION_ERROR, false],
    [404, 'not_found_error', LLMErrorType.MODEL_NOT_FOUND, false],
    [400, 'invalid_request_error', LLMErrorType.INVALID_REQUEST, false],
    [422, 'invalid_request_error', LLMErrorType.INVALID_REQUEST, false],
    [408, 'timeout_error', LLMErrorType.TIMEOUT_ERROR, true],
    [413, 'request_too_large', LLMErrorType.TOKEN_LIMIT_ERROR, false],
    [429, 'rate_limit_error', LLMErrorType.RATE_LIMIT_ERROR, true],
    [500, 'api_error', LLMErrorType.SERVER_ERROR, true],
    [502, 'api_error', LLMErrorType.SERVER_ERROR, true],
    [503, 'api_error', LLMErrorType.SERVER_ERROR, true],
    [504, 'api_error', LLMErrorType.SERVER_ERROR, true],
    [529, 'overloaded_error', LLMErrorType.SERVER_ERROR, true],
  ])('maps HTTP %i (%s) to %s with retryable %s', (status, anthropicType, type, retryable) => {
    const error = mapAnthropicError(
      httpError(status, anthropicType, 'what the server said'),
      context,
    );
    expect(error.type).toBe(type);
    expect(error.retryable).toBe(retryable);
    expect(error.statusCode).toBe(status);
    expect(error.providerName).toBe('claude-main');
    expect(error.model).toBe('claude-sonnet-4-5');
    expect(error.message).toContain('what the server said');
    expect(error.details?.['anthropic_error_type']).toBe(anthropicType);
  });

  it('maps a 400 whose prompt is too long to token_limit', () => {
    const error = mapAnthropicError(
      httpError(400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'),
      context,
    );
    expect(error.type).toBe(LLMErrorType.TOKEN_LIMIT_ERROR);
    expect(error.retryable).toBe(false);
  });

  it('reads the request id from the request-id header', () => {
    const error = mapAnthropicError(
      httpError(500, 'api_error', 'boom', { 'request-id': 'req_0123' }),
      context,
    );
    expect(error.requestId).toBe('req_0123');
  });

  it('reads retry-after seconds into retryAfterMs', () => {
    const error = mapAnthropicError(
      httpError(429, 'rate_limit_error', 'slow down', { 'retry-after': '7' }),
      context,
    );
    expect(error.retryAfterMs).toBe(7000);
  });

  it('prefers retry-after-ms over retry-after', () => {
    const error = mapAnthropicError(
      httpError(429, 'rate_limit_error', 'slow down', {
        'retry-after': '7',
        'retry-after-ms': '1500',
      }),
      context,
    );
    expect(error.retryAfterMs).toBe(1500);
  });

  it('maps an overloaded_error sent inside the stream (no status) to a retryable server_error', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const error = mapAnthropicError(
      new APIError(
        undefined,
        body,
        undefined,
        new Headers({ 'request-id': 'req_stream' }),
        'overloaded_error',
      ),
      context,
    );
    expect(error.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(error.retryable).toBe(true);
    expect(error.statusCode).toBeUndefined();
    expect(error.requestId).toBe('req_stream');
    expect(error.message).toContain('Overloaded');
  });

  it('maps a connection failure to network', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const error = mapAnthropicError(new APIConnectionError({ cause }), context);
    expect(error.type).toBe(LLMErrorType.NETWORK_ERROR);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails at once, not retryable, for a host that does not exist (ENOTFOUND), and names it', () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.anthropc.com'), {
        code: 'ENOTFOUND',
        hostname: 'api.anthropc.com',
      }),
    });
    const error = mapAnthropicError(new APIConnectionError({ cause }), context);
    expect(error.type).toBe(LLMErrorType.NETWORK_ERROR);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('ENOTFOUND api.anthropc.com');
  });

  it('keeps a DNS hiccup (EAI_AGAIN) retryable', () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo EAI_AGAIN api.anthropic.com'), {
        code: 'EAI_AGAIN',
      }),
    });
    expect(mapAnthropicError(new APIConnectionError({ cause }), context).retryable).toBe(true);
  });

  it('maps a connection timeout to timeout', () => {
    const error = mapAnthropicError(new APIConnectionTimeoutError(), context);
    expect(error.type).toBe(LLMErrorType.TIMEOUT_ERROR);
    expect(error.retryable).toBe(true);
  });

  it('maps a socket closed mid-stream to network', () => {
    const error = mapAnthropicError(
      new TypeError('terminated', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      }),
      context,
    );
    expect(error.type).toBe(LLMErrorType.NETWORK_ERROR);
  });

  it.each(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])(
    'maps an error whose cause carries the socket code %s to network',
    (code) => {
      const cause = Object.assign(new Error('the socket went away'), { code });
      const error = mapAnthropicError(new Error('stream read failed', { cause }), context);
      expect(error.type).toBe(LLMErrorType.NETWORK_ERROR);
      expect(error.retryable).toBe(true);
      expect(error.message).toContain(code);
    },
  );

  it('does not call an error network from its wording alone', () => {
    const error = mapAnthropicError(new TypeError('network is mentioned here'), context);
    expect(error.type).toBe(LLMErrorType.UNKNOWN_ERROR);
  });

  it('maps a 400 whose error_code says the context length was exceeded to token_limit', () => {
    const error = mapAnthropicError(
      APIError.generate(
        400,
        {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: 'rejected',
            details: { error_code: 'context_length_exceeded' },
          },
        },
        undefined,
        new Headers(),
      ),
      context,
    );
    expect(error.type).toBe(LLMErrorType.TOKEN_LIMIT_ERROR);
    expect(error.details?.['error_code']).toBe('context_length_exceeded');
  });

  it('maps malformed JSON from the server to a typed server_error', () => {
    const error = mapAnthropicError(
      new SyntaxError('Unexpected token } in JSON at position 3'),
      context,
    );
    expect(error.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(error.details?.['malformed_response']).toBe(true);
  });

  it('maps the caller abort to the aborted error', () => {
    expect(isAbortedLLMError(mapAnthropicError(new APIUserAbortError(), context))).toBe(true);
  });

  it('never puts the API key in the message', () => {
    const error = mapAnthropicError(
      httpError(401, 'authentication_error', 'invalid x-api-key sk-ant-secret-key'),
      context,
    );
    expect(error.message).not.toContain('sk-ant-secret-key');
    expect(error.message).toContain('***');
  });

  it('carries the usage known when the failure happened', () => {
    const usage = { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 };
    expect(mapAnthropicError(new APIConnectionTimeoutError(), { ...context, usage }).usage).toEqual(
      usage,
    );
  });

  it('passes an LLMError through unchanged', () => {
    const original = new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: 'bad',
      providerName: 'x',
    });
    expect(mapAnthropicError(original, context)).toBe(original);
  });

  it('wraps anything else as a non-retryable unknown error', () => {
    const error = mapAnthropicError(new RangeError('odd'), context);
    expect(error.type).toBe(LLMErrorType.UNKNOWN_ERROR);
    expect(error.retryable).toBe(false);
  });
});

describe('unexpectedResponseError', () => {
  it('is a server_error for a 2xx, with the status, content type and request id', () => {
    const error = unexpectedResponseError(
      {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<h1>Hi</h1>',
        requestId: 'r1',
      },
      context,
    );
    expect(error).toMatchObject({
      type: LLMErrorType.SERVER_ERROR,
      statusCode: 200,
      requestId: 'r1',
      providerName: 'claude-main',
      model: 'claude-sonnet-4-5',
      details: { unexpected_response: true, content_type: 'text/html' },
    });
    expect(error.message).toContain('Hi');
  });

  it('takes the type its status means for a 4xx', () => {
    const error = unexpectedResponseError({ status: 400, contentType: null, body: 'bad' }, context);
    expect(error.type).toBe(LLMErrorType.INVALID_REQUEST);
    expect(error.message).toContain('no content type');
  });

  it('never puts the API key in the message', () => {
    const error = unexpectedResponseError(
      { status: 200, contentType: 'text/plain', body: 'your key is sk-ant-secret-key' },
      context,
    );
    expect(error.message).not.toContain('sk-ant-secret-key');
  });
});
