import type { Anthropic } from '@anthropic-ai/sdk';
import type { LLMContent, LLMMessage, LLMToolCall } from '@llm/core';
import { convertImagePart } from './convert-image-part';
import { UnsupportedRequestError } from './unsupported-request-error';

type Block = Anthropic.ContentBlockParam;
type TextOrImage = Anthropic.TextBlockParam | Anthropic.ImageBlockParam;

export interface AnthropicPrompt {
  /** Every system message's text, in order, joined by a blank line (Claude takes one top-level system). */
  system?: string;
  messages: Anthropic.MessageParam[];
}

function contentBlocks(
  content: LLMMessage['content'],
  field: string,
  allowImages: boolean,
): TextOrImage[] {
  if (content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.flatMap((part: LLMContent, index): TextOrImage[] => {
    if (part.type === 'text') return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    if (!allowImages)
      throw new UnsupportedRequestError(
        `${field}.${index}`,
        'Claude takes images only in user and tool messages',
      );
    return [convertImagePart(part, `${field}.${index}`)];
  });
}

function toolUseBlock(call: LLMToolCall, field: string): Anthropic.ToolUseBlockParam {
  let input: unknown;
  try {
    input = call.function.arguments.trim() === '' ? {} : JSON.parse(call.function.arguments);
  } catch {
    throw new UnsupportedRequestError(
      `${field}.function.arguments`,
      `Tool call "${call.id}" has arguments that are not valid JSON`,
    );
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UnsupportedRequestError(
      `${field}.function.arguments`,
      `Tool call "${call.id}" must have a JSON object as arguments`,
    );
  }
  return { type: 'tool_use', id: call.id, name: call.function.name, input };
}

function toolResultBlock(message: LLMMessage, field: string): Anthropic.ToolResultBlockParam {
  const block: Anthropic.ToolResultBlockParam = {
    type: 'tool_result',
    tool_use_id: message.tool_call_id ?? '',
  };
  if (typeof message.content === 'string') {
    if (message.content !== '') block.content = message.content;
  } else {
    const parts = contentBlocks(message.content, `${field}.content`, true);
    if (parts.length > 0) block.content = parts;
  }
  return block;
}

/**
 * Chat messages → Claude's `system` + alternating turns: system messages are lifted to the top-level
 * `system`; an assistant turn's `thinking_blocks` lead its content unchanged, its tool calls become
 * `tool_use` blocks; tool results become `tool_result` blocks in
 * a user turn; consecutive turns of one role (several tool results, a tool result then user text) are
 * merged into one message, as the API requires.
 */
export function convertToAnthropicMessages(messages: readonly LLMMessage[]): AnthropicPrompt {
  const system: string[] = [];
  const turns: { role: 'user' | 'assistant'; content: Block[] }[] = [];
  const append = (role: 'user' | 'assistant', blocks: Block[]) => {
    if (blocks.length === 0) return;
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };

  messages.forEach((message, index) => {
    const field = `messages.${index}`;
    switch (message.role) {
      case 'system':
        system.push(
          contentBlocks(message.content, `${field}.content`, false)
            .map((block) => (block.type === 'text' ? block.text : ''))
            .join('\n'),
        );
        break;
      case 'user':
        append('user', contentBlocks(message.content, `${field}.content`, true));
        break;
      case 'assistant':
        append('assistant', [
          // Claude requires thinking blocks first and byte-for-byte as it sent them.
          ...(message.thinking_blocks ?? []).map((block) => ({ ...block })),
          ...contentBlocks(message.content, `${field}.content`, false),
          ...(message.tool_calls ?? []).map((call, callIndex) =>
            toolUseBlock(call, `${field}.tool_calls.${callIndex}`),
          ),
        ]);
        break;
      case 'tool':
        append('user', [toolResultBlock(message, field)]);
        break;
    }
  });

  const prompt: AnthropicPrompt = { messages: turns };
  const systemText = system.filter((text) => text !== '').join('\n\n');
  if (systemText !== '') prompt.system = systemText;
  return prompt;
}
