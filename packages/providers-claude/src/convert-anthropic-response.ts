import type { Anthropic } from '@anthropic-ai/sdk';
import type { LLMResponse, LLMThinkingBlock, LLMToolCall, TokenUsage } from '@llm/core';
import { anthropicResponseExtra } from './anthropic-response-extra';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { normalizeAnthropicUsage } from './normalize-anthropic-usage';

export interface AnthropicResponseContext {
  providerName: string;
  providerType: string;
  requestId?: string;
  /** Wall time of the call in ms. */
  responseTime: number;
  /** Used when the server reported no usage (never the case for the real API). */
  fallbackUsage: (outputText: string) => TokenUsage;
}

/**
 * A Claude Message → LLMResponse: text blocks joined as `content`, thinking blocks as `reasoning`
 * and, kept whole in order with redacted ones, as `thinking_blocks` (signatures also in `metadata.extra`), `tool_use` blocks as tool calls whose `arguments` is the
 * input as JSON text, the stop reason mapped, usage normalized and the raw usage kept.
 */
export function convertAnthropicResponse(
  message: Anthropic.Message,
  context: AnthropicResponseContext,
): LLMResponse {
  const text: string[] = [];
  const reasoning: string[] = [];
  const signatures: string[] = [];
  const redacted: string[] = [];
  const toolCalls: LLMToolCall[] = [];
  const thinkingBlocks: LLMThinkingBlock[] = [];
  for (const block of message.content ?? []) {
    if (block.type === 'text') text.push(block.text);
    else if (block.type === 'thinking') {
      reasoning.push(block.thinking);
      if (block.signature) signatures.push(block.signature);
      thinkingBlocks.push({
        type: 'thinking',
        thinking: block.thinking,
        signature: block.signature,
      });
    } else if (block.type === 'redacted_thinking') {
      redacted.push(block.data);
      thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
    } else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const content = text.length > 0 ? text.join('') : undefined;
  const extra = anthropicResponseExtra({
    thinkingSignatures: signatures,
    redactedThinking: redacted,
    stopSequence: message.stop_sequence,
    stopDetails: message.stop_details,
  });
  return {
    success: true,
    ...(content !== undefined && { content }),
    ...(reasoning.length > 0 && { reasoning: reasoning.join('') }),
    model: message.model,
    usage: normalizeAnthropicUsage(message.usage) ?? context.fallbackUsage(content ?? ''),
    finish_reason: mapAnthropicStopReason(message.stop_reason),
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
    ...(thinkingBlocks.length > 0 && { thinking_blocks: thinkingBlocks }),
    metadata: {
      provider_name: context.providerName,
      provider_type: context.providerType,
      ...(context.requestId && { request_id: context.requestId }),
      response_id: message.id,
      response_time: context.responseTime,
      ...(message.stop_reason && { raw_finish_reason: message.stop_reason }),
      ...(message.usage && { raw_usage: message.usage }),
      ...(extra && { extra }),
    },
  };
}
