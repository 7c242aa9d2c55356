import { LLMError, LLMErrorType, type LLMContent, type LLMMessage } from '@llm/core';
import type {
  ChatCompletionContentPart,
  ChatCompletionContentPartText,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';

function toContentPart(part: LLMContent): ChatCompletionContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const { url, detail } = part.image_url;
  return { type: 'image_url', image_url: detail ? { url, detail } : { url } };
}

/** Text-only content for roles that cannot carry images (system, assistant, tool). */
function toTextContent(
  message: LLMMessage,
  index: number,
): string | ChatCompletionContentPartText[] {
  if (typeof message.content === 'string') return message.content;
  if (message.content === null) return '';
  return message.content.map((part) => {
    if (part.type !== 'text') {
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `messages.${index}.content: a ${message.role} message cannot hold images; only user messages can`,
        retryable: false,
      });
    }
    return { type: 'text', text: part.text };
  });
}

function convertMessage(message: LLMMessage, index: number): ChatCompletionMessageParam {
  const name = message.name === undefined ? {} : { name: message.name };
  switch (message.role) {
    case 'system':
      return { role: 'system', content: toTextContent(message, index), ...name };
    case 'user':
      return {
        role: 'user',
        content:
          typeof message.content === 'string' || message.content === null
            ? (message.content ?? '')
            : message.content.map(toContentPart),
        ...name,
      };
    case 'assistant': {
      const toolCalls = message.tool_calls?.length
        ? {
            tool_calls: message.tool_calls.map((call) => ({
              ...call,
              function: { ...call.function },
            })),
          }
        : {};
      const empty =
        message.content === null ||
        message.content === '' ||
        (Array.isArray(message.content) && message.content.length === 0);
      return {
        role: 'assistant',
        content: empty ? null : toTextContent(message, index),
        ...toolCalls,
        ...name,
      };
    }
    case 'tool':
      return {
        role: 'tool',
        tool_call_id: message.tool_call_id ?? '',
        content: toTextContent(message, index),
      };
  }
}

/**
 * Our messages in the Chat Completions wire form: every role, image parts (https or data: URIs) on
 * user turns, assistant tool calls and tool results. Throws an invalid_request LLMError for images
 * in a role that cannot carry them.
 */
export function convertToOpenAIMessages(
  messages: readonly LLMMessage[],
): ChatCompletionMessageParam[] {
  return messages.map(convertMessage);
}
