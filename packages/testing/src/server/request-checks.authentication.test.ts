import Anthropic, { AuthenticationError as AnthropicAuthenticationError } from '@anthropic-ai/sdk';
import { AuthenticationError, AzureOpenAI } from 'openai';
import { describe, expect, it } from 'vitest';
import {
  AZURE_API_VERSION,
  anthropicClient,
  azureClient,
  openaiClient,
  sharedSimulator,
} from '../__tests__/clients';

const simulator = await sharedSimulator({ apiKeys: ['sk-valid-key-0001'] });
const messages = [{ role: 'user' as const, content: 'hi' }];

function post(path: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  return fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('OpenAI authentication', () => {
  it("rejects a request without a key with OpenAI's 401 body", async () => {
    const response = await post('/v1/chat/completions', {}, { model: 'gpt-4o', messages });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining("You didn't provide an API key"),
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('rejects a key outside apiKeys as invalid_api_key without echoing the key', async () => {
    const failure = await openaiClient(simulator, 'sk-wrong-key-9999')
      .chat.completions.create({ model: 'gpt-4o', messages })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect((failure as AuthenticationError).code).toBe('invalid_api_key');
    expect((failure as AuthenticationError).message).not.toContain('sk-wrong-key-9999');
  });

  it('accepts a listed key', async () => {
    const completion = await openaiClient(simulator, 'sk-valid-key-0001').chat.completions.create({
      model: 'gpt-4o',
      messages,
    });
    expect(completion.choices[0]?.message.content).toBe('hi');
  });
});

describe('Anthropic authentication', () => {
  const body = { model: 'claude-haiku-4-5', max_tokens: 16, messages };

  it("rejects a request without a key with Anthropic's 401 body", async () => {
    const response = await post('/v1/messages', { 'anthropic-version': '2023-06-01' }, body);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: 'x-api-key header is required' },
    });
  });

  it('accepts the key as x-api-key, as 0.x SDKs send it', async () => {
    const response = await post(
      '/v1/messages',
      { 'anthropic-version': '2023-06-01', 'x-api-key': 'sk-valid-key-0001' },
      body,
    );
    expect(response.status).toBe(200);
  });

  it('accepts the key as Authorization: Bearer, as the 1.x SDK sends it', async () => {
    const message = await anthropicClient(simulator, 'sk-valid-key-0001').messages.create(body);
    expect(message.type).toBe('message');
    expect(simulator.requests[0]?.headers['authorization']).toBe('Bearer sk-valid-key-0001');
  });

  it('rejects a wrong key with authentication_error', async () => {
    const failure = await new Anthropic({
      baseURL: simulator.anthropicBaseURL,
      apiKey: 'nope',
      maxRetries: 0,
    }).messages
      .create(body)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AnthropicAuthenticationError);
  });
});

describe('Azure authentication', () => {
  const body = { model: 'gpt-4o', messages };

  it("rejects a request without api-key with Azure's access-denied body", async () => {
    const response = await post(
      `/openai/deployments/d/chat/completions?api-version=${AZURE_API_VERSION}`,
      {},
      body,
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: '401', message: expect.stringContaining('Access denied') },
    });
  });

  it('accepts the api-key header', async () => {
    const completion = await azureClient(
      simulator,
      'd',
      'sk-valid-key-0001',
    ).chat.completions.create(body);
    expect(simulator.requests[0]?.headers['api-key']).toBe('sk-valid-key-0001');
    expect(completion.model).toBe('d');
  });

  it('accepts an Azure AD token as Authorization: Bearer', async () => {
    const azure = new AzureOpenAI({
      endpoint: simulator.azureEndpoint,
      apiVersion: AZURE_API_VERSION,
      deployment: 'd',
      azureADTokenProvider: async () => 'sk-valid-key-0001',
      maxRetries: 0,
    });
    const completion = await azure.chat.completions.create(body);
    expect(completion.choices[0]?.message.content).toBe('hi');
    expect(simulator.requests[0]?.headers['authorization']).toBe('Bearer sk-valid-key-0001');
  });
});
