import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { openaiClient, sharedSimulator } from '../__tests__/clients';
import { simulatorPromptTokens, simulatorTokenCount } from '../answer/simulator-tokens';

const simulator = await sharedSimulator();
const openai = openaiClient(simulator);
const messages = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Say something about the sea, please.' },
];
const echo = 'Say something about the sea, please.';

describe('OpenAI chat completions, default answer', () => {
  it('echoes the last user message with consistent usage', async () => {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages });
    expect(completion.choices[0]?.message.content).toBe(echo);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    const prompt = simulatorPromptTokens(messages);
    const output = simulatorTokenCount(echo);
    expect(completion.usage).toMatchObject({
      prompt_tokens: prompt,
      completion_tokens: output,
      total_tokens: prompt + output,
    });
  });

  it('answers with the requested model, a chatcmpl id and an x-request-id header', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages })
      .withResponse();
    expect(data.model).toBe('gpt-4o-mini');
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('stops the echo at the first stop sequence', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages,
      stop: ['sea'],
    });
    expect(completion.choices[0]?.message.content).toBe('Say something about the ');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it.each(['max_tokens', 'max_completion_tokens'] as const)(
    'cuts the echo at %s and finishes with length',
    async (field) => {
      const completion = await openai.chat.completions.create({
        model: 'gpt-4o',
        messages,
        [field]: 3,
      });
      expect(completion.choices[0]?.message.content).toBe(echo.slice(0, 12));
      expect(completion.choices[0]?.finish_reason).toBe('length');
      expect(completion.usage?.completion_tokens).toBe(3);
    },
  );

  it('rejects an empty messages array with a 400 like the API', async () => {
    const failure = (await openai.chat.completions
      .create({ model: 'gpt-4o', messages: [] })
      .catch((error: unknown) => error)) as APIError;
    expect(failure.status).toBe(400);
    expect(failure.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'messages',
      code: 'empty_array',
    });
  });
});

describe('OpenAI chat completions, streamed default answer', () => {
  it('starts with the role, streams the echo and ends with a usage chunk when include_usage is set', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(echo);
    const last = chunks[chunks.length - 1];
    const beforeLast = chunks[chunks.length - 2];
    expect(beforeLast?.choices[0]?.finish_reason).toBe('stop');
    expect(last?.choices).toEqual([]);
    const prompt = simulatorPromptTokens(messages);
    expect(last?.usage).toMatchObject({
      prompt_tokens: prompt,
      completion_tokens: simulatorTokenCount(echo),
    });
  });

  it('sends no usage at all without include_usage', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages,
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => !('usage' in chunk) && chunk.choices.length === 1)).toBe(true);
  });

  it('ends the stream with data: [DONE] on the wire', async () => {
    const response = await fetch(`${simulator.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages, stream: true }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await response.text()).endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
