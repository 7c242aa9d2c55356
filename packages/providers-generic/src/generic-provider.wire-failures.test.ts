import { LLMError, type LLMProviderConfig } from '@llm/core';
import { afterEach, describe, expect, it } from 'vitest';
import { GenericProvider } from './generic-provider';
import { answerHtml, startPlainServer, type PlainServer } from '@llm/testing';
import { ask, drain, TEST_API_KEY } from './__tests__/simulator';

const LOGIN_PAGE =
  '<!doctype html><html><head><title>Sign in</title></head><body><h1>Gateway login required</h1></body></html>';
const GATEWAY_PAGE = `<html><body><h1>503 Service Unavailable</h1><p>key: ${TEST_API_KEY}</p>${'<p>upstream trace</p>'.repeat(1000)}</body></html>`;

let server: PlainServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const providerAt = (baseURL: string, overrides: Partial<LLMProviderConfig> = {}) =>
  new GenericProvider({
    name: 'compatible',
    type: 'generic',
    api_key: TEST_API_KEY,
    base_url: baseURL,
    models: [{ name: 'chat-model' }],
    enabled: true,
    timeout: 10_000,
    max_retries: 0,
    ...overrides,
  });

async function chatFailure(provider: GenericProvider): Promise<LLMError> {
  const error = await provider.chatCompletion(ask()).catch((caught: unknown) => caught);
  if (!LLMError.is(error)) throw new Error(`expected an LLMError, got ${String(error)}`);
  return error;
}

async function streamFailure(provider: GenericProvider): Promise<LLMError> {
  const { error } = await drain(provider.streamCompletion(ask()));
  if (!LLMError.is(error)) throw new Error(`expected an LLMError, got ${String(error)}`);
  return error;
}

describe('GenericProvider against answers that are not the protocol', () => {
  it('rejects a 200 HTML page as a server_error quoting the page, streaming and not', async () => {
    server = await startPlainServer(answerHtml(200, LOGIN_PAGE));
    const provider = providerAt(`${server.origin}/v1`);
    for (const error of [await chatFailure(provider), await streamFailure(provider)]) {
      expect(error).toMatchObject({ type: 'server_error', statusCode: 200 });
      expect(error.message).toContain('Gateway login required');
    }
  });

  it('reports a 5xx HTML page as a short excerpt without the key it echoes', async () => {
    server = await startPlainServer(answerHtml(503, GATEWAY_PAGE));
    const error = await chatFailure(providerAt(`${server.origin}/v1`));
    expect(error).toMatchObject({ type: 'server_error', statusCode: 503 });
    expect(error.message).toContain('503 Service Unavailable');
    expect(error.message.length).toBeLessThan(700);
    expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
  });

  it('refuses a base_url without a scheme before any request, not retryable', async () => {
    const error = await chatFailure(providerAt('localhost:8080/v1'));
    expect(error).toMatchObject({ type: 'invalid_request', retryable: false });
  });
});
