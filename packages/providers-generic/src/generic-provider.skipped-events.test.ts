import type { StreamEventSkippedInfo } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { GenericProvider } from './generic-provider';
import { fixturePath, readFixtureChunks } from './__tests__/fixtures';
import { ask, drain, finishOf, genericConfig, textOf, useSimulator } from './__tests__/simulator';

const simulator = useSimulator();

describe('GenericProvider streams with an event that cannot be parsed', () => {
  it('skips it, reports it once and still reads the preset usage (Groq x_groq.usage)', async () => {
    const recorded = readFixtureChunks('groq-stream-x-groq-usage.sse');
    const last = recorded.at(-1) as { x_groq: { usage: Record<string, number> } };
    simulator.current.script({
      replay: fixturePath('groq-stream-x-groq-usage.sse'),
      fault: 'garbled-event',
      afterChunks: 2,
    });
    const skipped: StreamEventSkippedInfo[] = [];
    const provider = new GenericProvider(genericConfig(simulator.current, { preset: 'groq' }));
    const { chunks, error } = await drain(
      provider.streamCompletion(ask('count to 7'), {
        onStreamEventSkipped: (info) => skipped.push(info),
      }),
    );
    expect(error).toBeUndefined();
    const expectedText = recorded
      .map(
        (chunk) =>
          (chunk as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta
            ?.content ?? '',
      )
      .join('');
    expect(textOf(chunks)).toBe(expectedText);
    expect(finishOf(chunks).usage).toEqual({
      prompt_tokens: last.x_groq.usage['prompt_tokens'],
      completion_tokens: last.x_groq.usage['completion_tokens'],
      total_tokens: last.x_groq.usage['total_tokens'],
    });
    expect(skipped).toMatchObject([{ model: 'chat-model', index: 2, reason: 'invalid_json' }]);
  });
});
