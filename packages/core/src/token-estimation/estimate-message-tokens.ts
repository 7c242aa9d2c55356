import type { LLMMessage } from '../schemas/message';
import type { LLMTool } from '../schemas/tool';
import { estimateTextTokens } from './estimate-text-tokens';

/** OpenAI's chat overhead: each message costs 3 tokens beyond its text, a name 1 more, the reply 3. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;
/** An image in low detail costs 85 tokens; high/auto detail is taken as a 512×512 tile set (765). */
const LOW_DETAIL_IMAGE_TOKENS = 85;
const HIGH_DETAIL_IMAGE_TOKENS = 765;

export interface MessageTokenEstimate {
  tokens: number;
  method: string;
}

/** Prompt tokens of a chat request before it is sent (budgets, context-window checks, missing usage). */
export function estimateMessageTokens(
  messages: readonly LLMMessage[],
  options: { model?: string; tools?: readonly LLMTool[] } = {},
): MessageTokenEstimate {
  let method = 'approximation';
  const count = (text: string) => {
    const estimate = estimateTextTokens(text, options.model);
    method = estimate.method;
    return estimate.tokens;
  };
  let tokens = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    tokens += TOKENS_PER_MESSAGE + count(message.role);
    if (message.name) tokens += TOKENS_PER_NAME + count(message.name);
    if (typeof message.content === 'string') tokens += count(message.content);
    else if (Array.isArray(message.content)) {
      for (const part of message.content) {
        if (part.type === 'text') tokens += count(part.text);
        else
          tokens +=
            part.image_url.detail === 'low' ? LOW_DETAIL_IMAGE_TOKENS : HIGH_DETAIL_IMAGE_TOKENS;
      }
    }
    for (const call of message.tool_calls ?? [])
      tokens += count(call.function.name) + count(call.function.arguments);
  }
  if (options.tools?.length) tokens += count(JSON.stringify(options.tools));
  return { tokens, method };
}
