import { APIError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { anthropicClient, sharedSimulator } from '../__tests__/clients';
import { simulatorPromptTokens, simulatorTokenCount } from '../answer/simulator-tokens';

const simulator = await sharedSimulator();
const anthropic = anthropicClient(simulator);
const messages = [{ role: 'user' as const, content: 'Tell me about tides and moons.' }];
const echo = 'Tell me about tides and moons.';
const request = { model: 'claude-haiku-4-5', max_tokens: 256, system: 'Be brief.', messages };
/** A raw POST to /v1/messages with the headers the SDK sends, to see the wire as it is. */
const postMessages = (body: object) =>
  fetch(`${simulator.anthropicBaseURL}/v1/messages`, {
    method: 'POST',
    headers: {
      'x-api-key': 'test',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });

describe('Anthropic messages, default answer', () => {
  it('echoes the last user message with input tokens counting the system prompt', async () => {
    const message = await anthropic.messages.create(request);
    expect(message.content).toEqual([{ type: 'text', text: echo }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({
      input_tokens: simulatorPromptTokens(messages, { system: 'Be brief.' }),
      output_tokens: simulatorTokenCount(echo),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it('answers with a msg_ id, the model and a request-id header', async () => {
    const { data, response } = await anthropic.messages.create(request).withResponse();
    expect(data.id).toMatch(/^msg_/);
    expect(data.model).toBe('claude-haiku-4-5');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
  });

  it('stops at a stop sequence and names it', async () => {
    const message = await anthropic.messages.create({ ...request, stop_sequences: ['tides'] });
    expect(message.content).toEqual([{ type: 'text', text: 'Tell me about ' }]);
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('tides');
  });

  it('cuts at max_tokens and says so', async () => {
    const message = await anthropic.messages.create({ ...request, max_tokens: 2 });
    expect(message.content).toEqual([{ type: 'text', text: echo.slice(0, 8) }]);
    expect(message.stop_reason).toBe('max_tokens');
  });

  it('rejects a request without max_tokens like the API', async () => {
    const response = await postMessages({ model: 'claude-haiku-4-5', messages });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
  });

  it('rejects a request without the anthropic-version header', async () => {
    const failure = await fetch(`${simulator.anthropicBaseURL}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'test', 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    expect(failure.status).toBe(400);
    expect(await failure.json()).toMatchObject({
      error: { message: 'anthropic-version: header is required' },
    });
  });
});

describe('Anthropic messages, streamed default answer', () => {
  it('frames the stream with event lines in the API order, a ping after the first block start', async () => {
    const response = await postMessages({ ...request, stream: true });
    const events = [...(await response.text()).matchAll(/^event: (.+)$/gm)].map(
      (match) => match[1],
    );
    const deltas = events.filter((event) => event === 'content_block_delta').length;
    expect(events).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array<string>(deltas).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(deltas).toBeGreaterThan(1);
  });

  it('reports input tokens at message_start and cumulative usage at message_delta', async () => {
    const stream = await anthropic.messages.create({ ...request, stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    const start = events.find((event) => event.type === 'message_start');
    const delta = events.find((event) => event.type === 'message_delta');
    const input = simulatorPromptTokens(messages, { system: 'Be brief.' });
    expect(start?.type === 'message_start' && start.message.usage).toMatchObject({
      input_tokens: input,
      output_tokens: 1,
    });
    expect(delta?.type === 'message_delta' && delta.usage).toMatchObject({
      input_tokens: input,
      output_tokens: simulatorTokenCount(echo),
    });
  });

  it('gives the SDK stream helper the echo as the final text', async () => {
    const text = await anthropic.messages.stream(request).finalText();
    expect(text).toBe(echo);
  });
});

it('is an APIError with status 404 for an unknown path', async () => {
  const failure = await anthropic.get('/v1/nothing-here').catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(APIError);
  expect((failure as APIError).status).toBe(404);
});
