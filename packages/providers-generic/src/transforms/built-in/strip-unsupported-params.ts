import type { OpenAIChatBody } from '@llm/providers-openai';
import type { ChatTransform, TransformContext } from '../chat-transform';

const MESSAGE_KEY = /^messages\[\]\.(.+)$/;

/** The parameters to drop for this call: the preset's (for matching models) plus the config's. */
function unsupportedFor(context: TransformContext): string[] {
  const fromPreset = (context.preset?.unsupportedParams ?? [])
    .filter((entry) => !entry.models || entry.models.test(context.modelId))
    .flatMap((entry) => entry.params);
  const fromConfig = Array.isArray(context.settings)
    ? context.settings.filter((value): value is string => typeof value === 'string')
    : [];
  return [...new Set([...fromPreset, ...fromConfig])];
}

function withoutKey(message: unknown, key: string): unknown {
  if (typeof message !== 'object' || message === null || !(key in message)) return message;
  const { [key]: _dropped, ...rest } = message as Record<string, unknown>;
  return rest;
}

/**
 * Drops parameters the server answers with an error: the preset's list, plus the config's
 * `options.strip-unsupported-params = ["logprobs", "messages[].name"]`.
 */
export const stripUnsupportedParams: ChatTransform = {
  name: 'strip-unsupported-params',
  description:
    "Drops parameters the server rejects (the preset's list plus `options.strip-unsupported-params`)",
  request(body, context) {
    const dropped: string[] = [];
    let result: OpenAIChatBody = body;
    for (const param of unsupportedFor(context)) {
      const messageKey = MESSAGE_KEY.exec(param)?.[1];
      if (messageKey !== undefined) {
        const messages = result.messages.map((message) => withoutKey(message, messageKey));
        if (messages.some((message, index) => message !== result.messages[index])) {
          result = { ...result, messages: messages as OpenAIChatBody['messages'] };
          dropped.push(param);
        }
      } else if (param in result) {
        result = withoutKey(result, param) as OpenAIChatBody;
        dropped.push(param);
      }
    }
    if (dropped.length > 0)
      context.logger.debug('Dropped parameters the server does not support', {
        provider: context.config.name,
        model: context.modelId,
        dropped,
      });
    return result;
  },
};
