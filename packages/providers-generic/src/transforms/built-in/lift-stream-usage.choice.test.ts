import { describe, expect, it } from 'vitest';
import { deltaChunk, transformContext } from '../../__tests__/transform-context';
import { liftChoiceUsage } from './lift-stream-usage';

const lift = (chunk: Parameters<NonNullable<typeof liftChoiceUsage.streamChunk>>[0]) =>
  liftChoiceUsage.streamChunk!(chunk, transformContext({ stream: true }));
const usage = { prompt_tokens: 19, completion_tokens: 13, total_tokens: 32 };

describe('lift-choice-usage', () => {
  it('moves usage found in the first choice to the top level', () => {
    const chunk = deltaChunk({}, 'stop');
    const withChoiceUsage = { ...chunk, choices: [{ ...chunk.choices![0]!, usage }] };
    expect(lift(withChoiceUsage)?.usage).toEqual(usage);
  });

  it('keeps a top-level usage the server already sent', () => {
    const chunk = { ...deltaChunk({}, 'stop'), usage: { prompt_tokens: 1, completion_tokens: 1 } };
    expect(lift(chunk)).toBe(chunk);
  });

  it('passes chunks without usage through unchanged', () => {
    const chunk = deltaChunk({ content: 'hi' });
    expect(lift(chunk)).toBe(chunk);
  });
});
