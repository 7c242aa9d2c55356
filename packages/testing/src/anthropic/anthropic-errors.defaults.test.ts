import { describe, expect, it } from 'vitest';
import { sharedSimulator } from '../__tests__/clients';

const simulator = await sharedSimulator();

function messages(): Promise<Response> {
  return fetch(`${simulator.url}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'test',
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}

describe('Anthropic error bodies for statuses Anthropic does not document', () => {
  it('gives an unlisted 4xx as invalid_request_error naming the status', async () => {
    simulator.script({ error: { status: 418 } });
    const response = await messages();
    expect(response.status).toBe(418);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'The request failed with status 418.' },
    });
  });

  it('gives an unlisted 5xx as api_error', async () => {
    simulator.script({ error: { status: 503 } });
    const response = await messages();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: { type: 'api_error', message: 'Internal server error' },
    });
  });

  it('sends a scripted body exactly as given', async () => {
    simulator.script({ error: { status: 400, body: { custom: true } } });
    const response = await messages();
    expect(await response.json()).toEqual({ custom: true });
  });
});
