import { LLMError } from '@llm/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ask,
  drain,
  genericConfig,
  reasoningOf,
  textOf,
  useSimulator,
} from './__tests__/simulator';
import type { ChatTransform } from './transforms/chat-transform';
import { registerTransform, unregisterTransform } from './transforms/transform-registry';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();
const firstBody = () => simulator.current.requests[0]?.body as Record<string, unknown>;

/** A tenant's gateway wants its id in the body and answers with the text in upper case. */
const tenantTransform: ChatTransform = {
  name: 'tenant-gateway',
  request: (body, context) => ({ ...body, tenant: String(context.settings ?? 'none') }),
  response: (body) => {
    const answer = body as { choices: Array<{ message: { content: string } }> };
    return {
      ...answer,
      choices: answer.choices.map((choice) => ({
        ...choice,
        message: { ...choice.message, content: choice.message.content.toUpperCase() },
      })),
    };
  },
  streamChunk: (chunk) => {
    const [choice] = chunk.choices ?? [];
    const content = choice?.delta?.content;
    if (!choice || typeof content !== 'string') return chunk;
    return {
      ...chunk,
      choices: [{ ...choice, delta: { ...choice.delta, content: content.toUpperCase() } }],
    };
  },
};

afterEach(() => {
  unregisterTransform('tenant-gateway');
});

describe('transforms named in config', () => {
  it('applies built-ins in order with their settings from options.<name>', async () => {
    const provider = new GenericProvider(
      genericConfig(simulator.current, {
        transforms: ['system-prompt-prefix', 'rename-params'],
        options: {
          'system-prompt-prefix': 'Answer in French.',
          'rename-params': { user: 'end_user_id' },
        },
      }),
    );
    await provider.chatCompletion({ ...ask('Hello'), user: 'u-42' });
    expect(firstBody()).toEqual({
      model: 'chat-model',
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hello' },
      ],
      end_user_id: 'u-42',
    });
  });

  it('applies a transform registered under a name, request and response', async () => {
    registerTransform('tenant-gateway', tenantTransform);
    const provider = new GenericProvider(
      genericConfig(simulator.current, {
        transforms: ['tenant-gateway'],
        options: { 'tenant-gateway': 'acme' },
      }),
    );
    const response = await provider.chatCompletion(ask('quiet words'));
    expect(firstBody()).toMatchObject({ tenant: 'acme' });
    expect(response.content).toBe('QUIET WORDS');
  });

  it('refuses an unknown transform name, naming the provider and the known transforms', () => {
    const build = () =>
      new GenericProvider(genericConfig(simulator.current, { transforms: ['no-such-thing'] }));
    expect(build).toThrow(LLMError);
    expect(build).toThrow(
      /Provider "compatible" \(type generic\): unknown transform "no-such-thing" \(known transforms: .*strip-unsupported-params/,
    );
  });
});

describe('transforms given in code', () => {
  it('change the request body the server receives and each streamed chunk we return', async () => {
    const provider = new GenericProvider(genericConfig(simulator.current), {
      transforms: [tenantTransform],
    });
    const { chunks } = await drain(provider.streamCompletion(ask('loud stream')));
    expect(firstBody()).toMatchObject({ tenant: 'none', stream: true });
    expect(textOf(chunks)).toBe('LOUD STREAM');
  });

  it('run after the preset and config transforms', async () => {
    const seen: string[] = [];
    const provider = new GenericProvider(
      genericConfig(simulator.current, {
        preset: 'mistral',
        transforms: ['system-prompt-prefix'],
        options: { 'system-prompt-prefix': 'Be brief.' },
      }),
      {
        transforms: [
          {
            name: 'observer',
            request: (body) => {
              seen.push(Object.keys(body).sort().join(','));
              seen.push(String(body.messages[0]?.content));
              return body;
            },
          },
        ],
      },
    );
    await provider.chatCompletion({ ...ask(), seed: 3 });
    expect(seen).toEqual(['messages,model,random_seed', 'Be brief.']);
  });

  it('can drop stream chunks by returning undefined', async () => {
    simulator.current.script({
      reply: { text: 'abcdefgh', reasoning: 'hidden thoughts', chunk_size: 4 },
    });
    const provider = new GenericProvider(genericConfig(simulator.current), {
      transforms: [
        {
          streamChunk: (chunk) =>
            chunk.choices?.[0]?.delta?.['reasoning_content'] ? undefined : chunk,
        },
      ],
    });
    const { chunks } = await drain(provider.streamCompletion(ask()));
    expect(reasoningOf(chunks)).toBe('');
    expect(textOf(chunks)).toBe('abcdefgh');
  });
});

describe('think-tags-to-reasoning', () => {
  const thinking = '<think>The user greets me; greet back.</think>\n\nHello there!';

  it('splits a streamed <think> block into reasoning deltas, across chunk boundaries', async () => {
    simulator.current.script({ reply: { text: thinking, chunk_size: 3 } });
    const provider = new GenericProvider(
      genericConfig(simulator.current, { preset: 'vllm', transforms: ['think-tags-to-reasoning'] }),
    );
    const { chunks } = await drain(provider.streamCompletion(ask()));
    expect(reasoningOf(chunks)).toBe('The user greets me; greet back.');
    expect(textOf(chunks)).toBe('Hello there!');
  });

  it('splits the <think> block of a non-streaming answer into response.reasoning', async () => {
    simulator.current.script({ reply: { text: thinking } });
    const provider = new GenericProvider(
      genericConfig(simulator.current, { transforms: ['think-tags-to-reasoning'] }),
    );
    const response = await provider.chatCompletion(ask());
    expect(response).toMatchObject({
      content: 'Hello there!',
      reasoning: 'The user greets me; greet back.',
    });
  });
});
