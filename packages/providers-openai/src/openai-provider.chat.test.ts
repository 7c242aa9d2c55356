import { getEventListeners } from 'node:events';
import { isAbortedLLMError } from '@llm/core';
import { simulatorPromptTokens, simulatorTokenCount } from '@llm/testing';
import { describe, expect, it } from 'vitest';
import { openAIConfig, TEST_API_KEY, useSimulator } from './__tests__/simulator';
import { OpenAIProvider } from './openai-provider';

const simulator = useSimulator();
const provider = (overrides = {}) => new OpenAIProvider(openAIConfig(simulator.current, overrides));

describe('OpenAIProvider.chatCompletion over HTTP', () => {
  it('answers a chat through the official SDK with the usage the server reported', async () => {
    const messages = [{ role: 'user' as const, content: 'Hello from the walking skeleton' }];
    const response = await provider().chatCompletion({ model: 'gpt-4o', messages });
    expect(response).toMatchObject({
      success: true,
      content: 'Hello from the walking skeleton',
      model: 'gpt-4o',
      finish_reason: 'stop',
    });
    const completion = simulatorTokenCount('Hello from the walking skeleton');
    expect(response.usage.completion_tokens).toBe(completion);
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
    expect(response.usage.total_tokens).toBe(response.usage.prompt_tokens + completion);
    expect(response.usage.estimated).toBeUndefined();
    expect(response.metadata).toMatchObject({
      provider_name: 'openai',
      provider_type: 'openai',
      raw_finish_reason: 'stop',
    });
    expect(response.metadata.raw_usage).toBeDefined();
    expect(response.metadata.request_id).toEqual(expect.any(String));
  });

  it('sends the key as a bearer token, with SDK retries off', async () => {
    await provider().chatCompletion({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const [request] = simulator.current.requests;
    expect(request?.headers['authorization']).toBe(`Bearer ${TEST_API_KEY}`);
    expect(request?.headers['x-stainless-retry-count']).toBe('0');
  });

  it('sends organization, project, extra headers and query parameters from the config', async () => {
    await provider({
      organization: 'org-1',
      project: 'proj-1',
      headers: { 'x-team': 'search' },
      query: { tenant: 'eu' },
    }).chatCompletion({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const [request] = simulator.current.requests;
    expect(request?.headers).toMatchObject({
      'openai-organization': 'org-1',
      'openai-project': 'proj-1',
      'x-team': 'search',
    });
    expect(request?.query).toMatchObject({ tenant: 'eu' });
  });

  it('sends the configured model_id instead of the model name', async () => {
    await provider().chatCompletion({
      model: 'text-only',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(simulator.current.requests[0]?.body).toMatchObject({ model: 'gpt-3.5-turbo' });
  });

  it('maps every request field onto the wire body', async () => {
    await provider().chatCompletion({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
      temperature: 0.3,
      top_p: 0.8,
      max_tokens: 64,
      stop: ['\n\n'],
      response_format: { type: 'json_object' },
      seed: 11,
      user: 'user-7',
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      extra_body: { logprobs: true },
    });
    expect(simulator.current.requests[0]?.body).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
      temperature: 0.3,
      top_p: 0.8,
      max_tokens: 64,
      stop: ['\n\n'],
      response_format: { type: 'json_object' },
      seed: 11,
      user: 'user-7',
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      logprobs: true,
    });
  });

  it('sends max_completion_tokens to a reasoning model', async () => {
    await provider().chatCompletion({
      model: 'o3-mini',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 32,
    });
    const body = simulator.current.requests[0]?.body as Record<string, unknown>;
    expect(body['max_completion_tokens']).toBe(32);
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('returns scripted tool calls with finish reason tool_calls', async () => {
    simulator.current.script({
      reply: { tool_calls: [{ id: 'call_w', name: 'weather', arguments: { city: 'Oslo' } }] },
    });
    const response = await provider().chatCompletion({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: true,
    });
    expect(response.finish_reason).toBe('tool_calls');
    expect(response.tool_calls).toEqual([
      {
        id: 'call_w',
        type: 'function',
        function: { name: 'weather', arguments: '{"city":"Oslo"}' },
      },
    ]);
    expect(simulator.current.requests[0]?.body).toMatchObject({
      tool_choice: 'required',
      parallel_tool_calls: true,
    });
  });

  it('normalizes cached and reasoning tokens the server reports', async () => {
    simulator.current.script({
      reply: {
        text: 'ok',
        usage: {
          prompt_tokens: 2000,
          completion_tokens: 300,
          cached_tokens: 1536,
          reasoning_tokens: 256,
        },
      },
    });
    const response = await provider().chatCompletion({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.usage).toEqual({
      prompt_tokens: 2000,
      completion_tokens: 300,
      total_tokens: 2300,
      cached_tokens: 1536,
      reasoning_tokens: 256,
    });
  });

  it('returns reasoning_content as response.reasoning', async () => {
    simulator.current.script({ reply: { text: '42', reasoning: 'Six times seven is forty-two.' } });
    const response = await provider().chatCompletion({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '6*7?' }],
    });
    expect(response).toMatchObject({ content: '42', reasoning: 'Six times seven is forty-two.' });
  });

  it('estimates usage, flagged, when the server reports none', async () => {
    simulator.current.script({ reply: { text: 'An answer without usage', usage: null } });
    const messages = [{ role: 'user' as const, content: 'Say something' }];
    const response = await provider().chatCompletion({ model: 'gpt-4o', messages });
    expect(response.usage.estimated).toBe(true);
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
    expect(response.usage.completion_tokens).toBeGreaterThan(0);
    expect(response.metadata.raw_usage).toBeUndefined();
  });

  it('counts the prompt the way the simulator does for an echo answer', async () => {
    const messages = [{ role: 'user' as const, content: 'Count me' }];
    const response = await provider().chatCompletion({ model: 'gpt-4o', messages });
    expect(response.usage.prompt_tokens).toBe(simulatorPromptTokens(messages));
  });

  it('leaves no listener on a long-lived caller signal after its calls, so a later abort reaches nothing', async () => {
    const controller = new AbortController();
    const chat = provider();
    for (let index = 0; index < 5; index++) {
      const response = await chat.chatCompletion(
        { model: 'gpt-4o', messages: [{ role: 'user', content: `call ${index}` }] },
        { signal: controller.signal },
      );
      expect(response.content).toBe(`call ${index}`);
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    controller.abort();
    expect(simulator.current.requests).toHaveLength(5);
  });

  it('hands a signal that ends with the call (signalEndsWithCall) to the SDK as it is, and still aborts on it', async () => {
    const owned = new AbortController();
    const response = await provider().chatCompletion(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'owned' }] },
      { signal: owned.signal, signalEndsWithCall: true },
    );
    expect(response.content).toBe('owned');
    // The SDK's own listener, on the signal itself: no relay stood between them.
    expect(getEventListeners(owned.signal, 'abort')).toHaveLength(1);

    simulator.current.script({ fault: 'hang' });
    const pending = new AbortController();
    setTimeout(() => pending.abort(), 50);
    const error = await provider()
      .chatCompletion(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'hang' }] },
        { signal: pending.signal, signalEndsWithCall: true },
      )
      .catch((caught: unknown) => caught);
    expect(isAbortedLLMError(error)).toBe(true);
  });

  it('sends nothing and rejects with the abort for a signal aborted before the call', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await provider()
      .chatCompletion(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
        { signal: controller.signal },
      )
      .catch((caught: unknown) => caught);
    expect(isAbortedLLMError(error)).toBe(true);
    expect(simulator.current.requests).toHaveLength(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
