import { describe, expect, it } from 'vitest';
import { LLMMessageSchema } from './message';
import { LLMResponseSchema } from './response';
import { FinishChunkSchema } from './stream-chunk';
import { LLMThinkingBlockSchema } from './thinking-block';

const blocks = [
  { type: 'thinking', thinking: 'Check the weather first.', signature: 'c2lnbmF0dXJl' },
  { type: 'redacted_thinking', data: 'ZW5jcnlwdGVk' },
];

describe('LLMThinkingBlockSchema', () => {
  it('accepts a thinking block with its signature and a redacted block with its data', () => {
    expect(blocks.map((block) => LLMThinkingBlockSchema.parse(block))).toEqual(blocks);
  });

  it('rejects a thinking block without a signature', () => {
    const result = LLMThinkingBlockSchema.safeParse({ type: 'thinking', thinking: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['signature']);
  });

  it('rejects a block of an unknown type', () => {
    expect(LLMThinkingBlockSchema.safeParse({ type: 'text', text: 'x' }).success).toBe(false);
  });

  it('is an optional field of an assistant message, kept in order', () => {
    const message = { role: 'assistant', content: null, thinking_blocks: blocks };
    expect(LLMMessageSchema.parse(message).thinking_blocks).toEqual(blocks);
    expect(LLMMessageSchema.parse({ role: 'user', content: 'hi' })).not.toHaveProperty(
      'thinking_blocks',
    );
  });

  it('is an optional field of a response and of a finish chunk', () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    const response = LLMResponseSchema.parse({
      success: true,
      model: 'claude-sonnet-5-5',
      usage,
      thinking_blocks: blocks,
      metadata: { provider_name: 'claude', response_time: 5 },
    });
    expect(response.thinking_blocks).toEqual(blocks);
    const finish = FinishChunkSchema.parse({
      type: 'finish',
      finish_reason: 'tool_calls',
      usage,
      thinking_blocks: blocks,
    });
    expect(finish.thinking_blocks).toEqual(blocks);
  });
});
