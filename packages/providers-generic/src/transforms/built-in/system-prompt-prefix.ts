import type { OpenAIChatBody } from '@llm/providers-openai';
import type { ChatTransform } from '../chat-transform';

type Message = OpenAIChatBody['messages'][number];

function prefixed(message: Message, prefix: string): Message {
  const content = message.content;
  if (typeof content === 'string')
    return { ...message, content: content ? `${prefix}\n\n${content}` : prefix } as Message;
  if (Array.isArray(content))
    return { ...message, content: [{ type: 'text', text: prefix }, ...content] } as Message;
  return { ...message, content: prefix } as Message;
}

/**
 * Puts a fixed instruction in front of every conversation sent to this provider
 * (`options.system-prompt-prefix = "…"`): prepended to the leading system or developer message,
 * or sent as a new first system message. For instructions one endpoint needs and others do not
 * (an output language, a house style, a local model's persona).
 */
export const systemPromptPrefix: ChatTransform = {
  name: 'system-prompt-prefix',
  description: 'Prepends `options.system-prompt-prefix` to the system prompt (or adds one)',
  request(body, context) {
    const prefix = context.settings;
    if (typeof prefix !== 'string' || prefix === '') return body;
    const [first, ...rest] = body.messages;
    if (first && (first.role === 'system' || first.role === 'developer'))
      return { ...body, messages: [prefixed(first, prefix), ...rest] };
    return { ...body, messages: [{ role: 'system', content: prefix }, ...body.messages] };
  },
};
