import type { OpenAIWireChunk } from '@llm/providers-openai';
import { describe, expect, it } from 'vitest';
import { deltaChunk, transformContext } from '../../__tests__/transform-context';
import { thinkTagsToReasoning } from './think-tags-to-reasoning';

describe('think-tags-to-reasoning', () => {
  it('turns the content deltas of one stream into reasoning then content', () => {
    const context = transformContext({ stream: true });
    const chunks = [
      deltaChunk({ role: 'assistant', content: '' }),
      deltaChunk({ content: '<thi' }),
      deltaChunk({ content: 'nk>plan</th' }),
      deltaChunk({ content: 'ink>\n\nDone' }),
      deltaChunk({}, 'stop'),
    ].map((chunk) => thinkTagsToReasoning.streamChunk!(chunk, context));
    const deltas = chunks.map((chunk) => chunk?.choices?.[0]?.delta);
    expect(deltas.map((delta) => delta?.['reasoning_content'] ?? '').join('')).toBe('plan');
    expect(deltas.map((delta) => delta?.content ?? '').join('')).toBe('Done');
    expect(chunks.at(-1)?.choices?.[0]?.finish_reason).toBe('stop');
  });

  it('keeps separate state for separate calls', () => {
    const first = transformContext({ stream: true });
    const second = transformContext({ stream: true });
    thinkTagsToReasoning.streamChunk!(deltaChunk({ content: '<think>a' }), first);
    const other = thinkTagsToReasoning.streamChunk!(deltaChunk({ content: 'plain' }), second);
    expect(other?.choices?.[0]?.delta?.content).toBe('plain');
  });

  it('passes usage-only chunks through', () => {
    const usageChunk: OpenAIWireChunk = { choices: [], usage: { prompt_tokens: 1 } };
    expect(thinkTagsToReasoning.streamChunk!(usageChunk, transformContext())).toBe(usageChunk);
  });

  it('leaves a non-streamed message that already has reasoning_content alone', () => {
    const body = {
      choices: [{ message: { content: '<think>x</think>y', reasoning_content: 'server side' } }],
    };
    expect(thinkTagsToReasoning.response!(body, transformContext())).toEqual(body);
  });
});
