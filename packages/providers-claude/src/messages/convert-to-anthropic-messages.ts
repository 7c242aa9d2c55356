import type { Anthropic } from '@anthropic-ai/sdk';
import {
  hasErrorIdentity,
  LLMError,
  LLMErrorType,
  markErrorIdentity,
  type ImageMediaType,
  type LLMContent,
  type LLMImageContent,
  type LLMMessage,
  type LLMToolCall,
} from '@llm/core';

const UNSUPPORTED_REQUEST_IDENTITY = '@llm/providers-claude/unsupported-request';

/**
 * A request field Claude cannot take as given: an `invalid_request` LLMError that names the field.
 * Request preparation turns it into a validation issue, so no call is made.
 */
export class UnsupportedRequestError extends LLMError {
  readonly field: string;

  constructor(field: string, message: string) {
    super({ type: LLMErrorType.INVALID_REQUEST, message, retryable: false, details: { field } });
    this.name = 'UnsupportedRequestError';
    this.field = field;
    markErrorIdentity(this, UNSUPPORTED_REQUEST_IDENTITY);
  }

  static override is(value: unknown): value is UnsupportedRequestError {
    return hasErrorIdentity(value, UNSUPPORTED_REQUEST_IDENTITY);
  }
}

const CLAUDE_IMAGE_TYPES: ReadonlySet<string> = new Set<ImageMediaType>([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
]);
const DATA_URI = /^data:([^;,]+)((?:;[^;,]*)*);base64,([\s\S]*)$/;

/**
 * An `image_url` part → a Claude `image` block: a `data:` URI becomes a base64 source with its media
 * type, an http(s) URL a url source that Anthropic fetches. `detail` has no Claude equivalent.
 */
export function convertImagePart(part: LLMImageContent, field: string): Anthropic.ImageBlockParam {
  const url = part.image_url.url;
  if (url.startsWith('data:')) {
    const match = DATA_URI.exec(url);
    if (!match) {
      throw new UnsupportedRequestError(
        field,
        'An image data URI must have the form data:<media type>;base64,<data>',
      );
    }
    const mediaType = (match[1] ?? '').toLowerCase();
    if (!CLAUDE_IMAGE_TYPES.has(mediaType)) {
      throw new UnsupportedRequestError(
        field,
        `Claude accepts PNG, JPEG, GIF or WebP images; this data URI is ${mediaType}`,
      );
    }
    return {
      type: 'image',
      source: { type: 'base64', media_type: mediaType as ImageMediaType, data: match[3] ?? '' },
    };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new UnsupportedRequestError(
    field,
    `An image must be an https URL or a data: URI (imageFileToDataUri from @llm/core turns a local file into one); got "${url.slice(0, 40)}"`,
  );
}

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
