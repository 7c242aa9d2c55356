import { describe, expect, it } from 'vitest';
import { deltaChunk, transformContext } from '../../__tests__/transform-context';
import { liftXGroqUsage } from './lift-stream-usage';

const lift = (chunk: Parameters<NonNullable<typeof liftXGroqUsage.streamChunk>>[0]) =>
  liftXGroqUsage.streamChunk!(chunk, transformContext({ stream: true }));
const groqUsage = { prompt_tokens: 45, completion_tokens: 21, total_tokens: 66, queue_time: 0.05 };

describe('lift-x-groq-usage', () => {
  it('copies x_groq.usage to usage when usage is absent', () => {
    const chunk = { ...deltaChunk({}, 'stop'), x_groq: { id: 'req_1', usage: groqUsage } };
    expect(lift(chunk)?.usage).toEqual(groqUsage);
  });

  it('prefers the standard usage chunk of an include_usage stream', () => {
    const usage = { prompt_tokens: 45, completion_tokens: 21, total_tokens: 66 };
    const chunk = { ...deltaChunk({}, 'stop'), usage, x_groq: { usage: groqUsage } };
    expect(lift(chunk)?.usage).toBe(usage);
  });

  it('ignores an x_groq object without usage (the first chunk carries only an id)', () => {
    const chunk = { ...deltaChunk({ content: '' }), x_groq: { id: 'req_1' } };
    expect(lift(chunk)).toBe(chunk);
  });
});
