import type { ChatRequestView } from '../answer/chat-request-view';
import { isRecord } from '../tokens/message-text';

function stopSequencesOf(stop: unknown): string[] {
  if (typeof stop === 'string') return [stop];
  return Array.isArray(stop) ? stop.filter((item): item is string => typeof item === 'string') : [];
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Read an OpenAI Chat Completions body (`max_completion_tokens` wins over `max_tokens`). */
export function openaiRequestView(body: Record<string, unknown>): ChatRequestView {
  const streamOptions = body['stream_options'];
  return {
    model: typeof body['model'] === 'string' ? body['model'] : undefined,
    messages: Array.isArray(body['messages']) ? body['messages'] : [],
    tools: body['tools'],
    stopSequences: stopSequencesOf(body['stop']),
    maxTokens:
      numberOrUndefined(body['max_completion_tokens']) ?? numberOrUndefined(body['max_tokens']),
    stream: body['stream'] === true,
    includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
  };
}
