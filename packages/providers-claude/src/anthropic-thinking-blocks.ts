import type { Anthropic } from '@anthropic-ai/sdk';
import type { LLMThinkingBlock } from '@llm/core';

/**
 * Assembles the thinking blocks of a Claude stream by content-block index: a `thinking` block grows
 * by its thinking_delta and signature_delta events, a `redacted_thinking` block arrives whole in
 * content_block_start. `blocks()` gives them in content order, exactly as the API expects them back.
 */
export class AnthropicThinkingBlocks {
  readonly #blocks = new Map<number, LLMThinkingBlock>();

  /** Records the block of a content_block_start when it is (redacted) thinking; ignores the rest. */
  start(index: number, block: Anthropic.RawContentBlockStartEvent['content_block']): void {
    if (block.type === 'thinking')
      this.#blocks.set(index, {
        type: 'thinking',
        thinking: block.thinking,
        signature: block.signature,
      });
    else if (block.type === 'redacted_thinking')
      this.#blocks.set(index, { type: 'redacted_thinking', data: block.data });
  }

  appendThinking(index: number, text: string): void {
    const block = this.#blocks.get(index);
    if (block?.type === 'thinking') block.thinking += text;
  }

  appendSignature(index: number, signature: string): void {
    const block = this.#blocks.get(index);
    if (block?.type === 'thinking') block.signature += signature;
  }

  /** The blocks so far, in content order (copies). */
  blocks(): LLMThinkingBlock[] {
    return [...this.#blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => ({ ...block }));
  }
}
