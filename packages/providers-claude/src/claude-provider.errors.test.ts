import { LLMErrorType, isAbortedLLMError } from '@llm/core';
import { startSimulator } from '@llm/testing';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './__tests__/use-simulator';
import {
  TEST_API_KEY,
  claudeTestProvider,
  collectStream,
  rejectionOf,
  userRequest,
} from './__tests__/claude-test-provider';

const simulator = useSimulator();

const request = userRequest('Hello');

// The table: status → type and whether @llm/retry may try again.
const STATUS_CASES = [
  {
    status: 400,
    anthropicType: 'invalid_request_error',
    type: LLMErrorType.INVALID_REQUEST,
    retryable: false,
  },
  {
    status: 401,
    anthropicType: 'authentication_error',
    type: LLMErrorType.AUTHENTICATION_ERROR,
    retryable: false,
  },
  {
    status: 403,
    anthropicType: 'permission_error',
    type: LLMErrorType.AUTHENTICATION_ERROR,
    retryable: false,
  },
  {
    status: 404,
    anthropicType: 'not_found_error',
    type: LLMErrorType.MODEL_NOT_FOUND,
    retryable: false,
  },
  {
    status: 408,
    anthropicType: 'timeout_error',
    type: LLMErrorType.TIMEOUT_ERROR,
    retryable: true,
  },
  {
    status: 413,
    anthropicType: 'request_too_large',
    type: LLMErrorType.TOKEN_LIMIT_ERROR,
    retryable: false,
  },
  {
    status: 422,
    anthropicType: 'invalid_request_error',
    type: LLMErrorType.INVALID_REQUEST,
    retryable: false,
  },
  {
    status: 429,
    anthropicType: 'rate_limit_error',
    type: LLMErrorType.RATE_LIMIT_ERROR,
    retryable: true,
  },
  { status: 500, anthropicType: 'api_error', type: LLMErrorType.SERVER_ERROR, retryable: true },
  { status: 502, anthropicType: 'api_error', type: LLMErrorType.SERVER_ERROR, retryable: true },
  { status: 503, anthropicType: 'api_error', type: LLMErrorType.SERVER_ERROR, retryable: true },
  { status: 504, anthropicType: 'api_error', type: LLMErrorType.SERVER_ERROR, retryable: true },
  {
    status: 529,
    anthropicType: 'overloaded_error',
    type: LLMErrorType.SERVER_ERROR,
    retryable: true,
  },
];

describe.each(STATUS_CASES)(
  'HTTP $status ($anthropicType)',
  ({ status, anthropicType, type, retryable }) => {
    const step = {
      error: { status, type: anthropicType, message: `scripted ${status}` },
      headers: { 'request-id': `req_${status}`, 'retry-after': '3' },
    };

    it(`rejects chatCompletion with ${type}, retryable ${retryable}, the status, request id, retry-after and message`, async () => {
      simulator.current.script(step);
      const error = await rejectionOf(
        claudeTestProvider(simulator.current).chatCompletion(request),
      );
      expect({
        type: error.type,
        retryable: error.retryable,
        statusCode: error.statusCode,
        requestId: error.requestId,
        retryAfterMs: error.retryAfterMs,
      }).toEqual({
        type,
        retryable,
        statusCode: status,
        requestId: `req_${status}`,
        retryAfterMs: 3000,
      });
      expect(error.message).toContain(`scripted ${status}`);
      expect(error.providerName).toBe('claude-test');
    });

    it(`ends streamCompletion with the same ${type} error before any chunk`, async () => {
      simulator.current.script(step);
      const collected = await collectStream(
        claudeTestProvider(simulator.current).streamCompletion(request),
      );
      expect(collected.chunks).toEqual([]);
      expect(collected.error).toMatchObject({
        type,
        retryable,
        statusCode: status,
        requestId: `req_${status}`,
        retryAfterMs: 3000,
      });
    });
  },
);

describe('ClaudeProvider errors', () => {
  it('maps a 400 saying the prompt is too long to token_limit', async () => {
    simulator.current.script({
      error: {
        status: 400,
        type: 'invalid_request_error',
        message: 'prompt is too long: 250000 tokens > 200000 maximum',
      },
    });
    const error = await rejectionOf(claudeTestProvider(simulator.current).chatCompletion(request));
    expect(error.type).toBe(LLMErrorType.TOKEN_LIMIT_ERROR);
    expect(error.retryable).toBe(false);
  });

  it('reads retry-after-ms before retry-after', async () => {
    simulator.current.script({
      error: { status: 429, type: 'rate_limit_error' },
      headers: { 'retry-after-ms': '1250', 'retry-after': '9' },
    });
    expect(
      (await rejectionOf(claudeTestProvider(simulator.current).chatCompletion(request)))
        .retryAfterMs,
    ).toBe(1250);
  });

  it('reads retry-after given as an HTTP date', async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    simulator.current.script({
      error: { status: 503, type: 'api_error' },
      headers: { 'retry-after': inTenSeconds },
    });
    const error = await rejectionOf(claudeTestProvider(simulator.current).chatCompletion(request));
    expect(error.retryAfterMs).toBeGreaterThan(7000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(10_000);
  });

  it('never shows the API key in an authentication error', async () => {
    simulator.current.script({
      error: {
        status: 401,
        type: 'authentication_error',
        message: `invalid x-api-key ${TEST_API_KEY}`,
      },
    });
    const error = await rejectionOf(claudeTestProvider(simulator.current).chatCompletion(request));
    expect(error.type).toBe(LLMErrorType.AUTHENTICATION_ERROR);
    expect(error.message).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
  });

  it('maps a connection refused to a retryable network error', async () => {
    const closed = await startSimulator();
    await closed.close();
    const error = await rejectionOf(claudeTestProvider(closed).chatCompletion(request));
    expect(error.type).toBe(LLMErrorType.NETWORK_ERROR);
    expect(error.retryable).toBe(true);
  });

  it('maps a socket dropped before the headers to a network error', async () => {
    simulator.current.script({ fault: 'drop-before-headers' });
    expect(
      (await rejectionOf(claudeTestProvider(simulator.current).chatCompletion(request))).type,
    ).toBe(LLMErrorType.NETWORK_ERROR);
  });

  it('maps a server that never answers within the timeout to timeout', async () => {
    simulator.current.script({ fault: 'hang' });
    const error = await rejectionOf(
      claudeTestProvider(simulator.current).chatCompletion(request, { timeoutMs: 150 }),
    );
    expect(error.type).toBe(LLMErrorType.TIMEOUT_ERROR);
    expect(error.retryable).toBe(true);
  });

  it('maps a body that is not valid JSON to a typed server_error', async () => {
    simulator.current.script({ fault: 'malformed-json' });
    const error = await rejectionOf(claudeTestProvider(simulator.current).chatCompletion(request));
    expect(error.type).toBe(LLMErrorType.SERVER_ERROR);
    expect(error.details?.['malformed_response']).toBe(true);
  });

  it('rejects with the aborted error when the caller aborts before the answer', async () => {
    simulator.current.script({ delayMs: 2000, reply: { text: 'late' } });
    const controller = new AbortController();
    const pending = claudeTestProvider(simulator.current).chatCompletion(request, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect(isAbortedLLMError(await rejectionOf(pending))).toBe(true);
  });
});
