import { describe, expect, it } from 'vitest';
import { AnthropicThinkingBlocks } from './anthropic-stream-parser';

describe('AnthropicThinkingBlocks', () => {
  it('joins the thinking and signature deltas of each block', () => {
    const blocks = new AnthropicThinkingBlocks();
    blocks.start(0, { type: 'thinking', thinking: '', signature: '' });
    blocks.appendThinking(0, 'First, ');
    blocks.appendThinking(0, 'the weather.');
    blocks.appendSignature(0, 'c2ln');
    blocks.appendSignature(0, 'bmF0dXJl');
    expect(blocks.blocks()).toEqual([
      { type: 'thinking', thinking: 'First, the weather.', signature: 'c2lnbmF0dXJl' },
    ]);
  });

  it('keeps redacted thinking whole and orders every block by its content index', () => {
    const blocks = new AnthropicThinkingBlocks();
    blocks.start(2, { type: 'thinking', thinking: 'later', signature: 'sig-2' });
    blocks.start(0, { type: 'redacted_thinking', data: 'b3BhcXVl' });
    expect(blocks.blocks()).toEqual([
      { type: 'redacted_thinking', data: 'b3BhcXVl' },
      { type: 'thinking', thinking: 'later', signature: 'sig-2' },
    ]);
  });

  it('ignores text and tool blocks and deltas of blocks that are not thinking', () => {
    const blocks = new AnthropicThinkingBlocks();
    blocks.start(0, { type: 'text', text: 'hi', citations: null });
    blocks.appendThinking(0, 'stray');
    blocks.appendSignature(1, 'stray');
    expect(blocks.blocks()).toEqual([]);
  });
});
