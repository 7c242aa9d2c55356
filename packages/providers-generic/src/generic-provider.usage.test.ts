import { describe, expect, it } from 'vitest';
import { fixturePath, readFixtureChunks } from './__tests__/fixtures';
import {
  ask,
  drain,
  finishOf,
  genericConfig,
  recordingLogger,
  textOf,
  useSimulator,
} from './__tests__/simulator';
import { GenericProvider } from './generic-provider';

const simulator = useSimulator();
const noUsage = { reply: { text: 'An answer from a server that counts nothing', usage: null } };

describe('usage a server does not send', () => {
  it('estimates the usage of a stream without a usage chunk and flags it', async () => {
    simulator.current.script(noUsage);
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'ollama' }));
    const { chunks } = await drain(provider.streamCompletion(ask('Say something')));
    expect(textOf(chunks)).toBe(noUsage.reply.text);
    const { usage, metadata } = finishOf(chunks);
    expect(usage.estimated).toBe(true);
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(metadata?.raw_usage).toBeUndefined();
  });

  it('estimates the usage of a non-streaming answer without usage and flags it', async () => {
    simulator.current.script(noUsage);
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'lmstudio' }));
    const response = await provider.chatCompletion(ask('Say something'));
    expect(response.usage.estimated).toBe(true);
    expect(response.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('estimates quietly for presets whose servers are known to omit usage (ollama)', async () => {
    simulator.current.script(noUsage);
    const logger = recordingLogger();
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'ollama' }), {
      logger,
    });
    await drain(provider.streamCompletion(ask()));
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('warns once per call when a server without such a preset omits usage', async () => {
    simulator.current.script(noUsage);
    const logger = recordingLogger();
    const provider = new GenericProvider(genericConfig(simulator.current), { logger });
    await drain(provider.streamCompletion(ask()));
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/no token usage/) }),
    ]);
  });

  it('reports the usage the server did send, unflagged', async () => {
    simulator.current.script({
      reply: { text: 'ok', usage: { prompt_tokens: 12, completion_tokens: 3 } },
    });
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'ollama' }));
    const { chunks } = await drain(provider.streamCompletion(ask()));
    expect(finishOf(chunks).usage).toMatchObject({
      prompt_tokens: 12,
      completion_tokens: 3,
      total_tokens: 15,
    });
    expect(finishOf(chunks).usage.estimated).toBeUndefined();
  });
});

describe('usage where a compatible server puts it elsewhere', () => {
  it('reads Moonshot stream usage from choices[0].usage (moonshot preset)', async () => {
    simulator.current.script({ replay: fixturePath('moonshot-stream-usage-in-choice.sse') });
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'moonshot' }));
    const { chunks } = await drain(provider.streamCompletion(ask('你好')));
    expect(textOf(chunks)).toBe('你好，我是 Kimi。');
    expect(finishOf(chunks).usage).toEqual({
      prompt_tokens: 19,
      completion_tokens: 13,
      total_tokens: 32,
    });
  });

  it('reads Groq stream usage from x_groq.usage (groq preset)', async () => {
    const recorded = readFixtureChunks('groq-stream-x-groq-usage.sse');
    const last = recorded.at(-1) as { x_groq: { usage: Record<string, number> } };
    simulator.current.script({ replay: fixturePath('groq-stream-x-groq-usage.sse') });
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'groq' }));
    const { chunks } = await drain(provider.streamCompletion(ask('count to 7')));
    expect(finishOf(chunks).usage).toEqual({
      prompt_tokens: last.x_groq.usage['prompt_tokens'],
      completion_tokens: last.x_groq.usage['completion_tokens'],
      total_tokens: last.x_groq.usage['total_tokens'],
    });
  });

  it('estimates (flagged) the same Moonshot stream without the preset, never reporting 0', async () => {
    simulator.current.script({ replay: fixturePath('moonshot-stream-usage-in-choice.sse') });
    const provider = new GenericProvider(genericConfig(simulator.current));
    const { chunks } = await drain(provider.streamCompletion(ask('你好')));
    expect(finishOf(chunks).usage).toMatchObject({ estimated: true });
    expect(finishOf(chunks).usage.completion_tokens).toBeGreaterThan(0);
  });
});
