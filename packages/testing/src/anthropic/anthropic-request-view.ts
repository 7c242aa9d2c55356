import type { ChatRequestView } from '../answer/chat-request-view';

/** Read an Anthropic Messages body. */
export function anthropicRequestView(body: Record<string, unknown>): ChatRequestView {
  const stopSequences = body['stop_sequences'];
  return {
    model: typeof body['model'] === 'string' ? body['model'] : undefined,
    messages: Array.isArray(body['messages']) ? body['messages'] : [],
    system: body['system'],
    tools: body['tools'],
    stopSequences: Array.isArray(stopSequences)
      ? stopSequences.filter((item): item is string => typeof item === 'string')
      : [],
    maxTokens: typeof body['max_tokens'] === 'number' ? body['max_tokens'] : undefined,
    stream: body['stream'] === true,
    includeUsage: true,
  };
}
