import { buildAnswer } from '../answer/build-answer';
import type { RenderedResponse } from '../http/rendered-response';
import { DONE_FRAME, dataFrame } from '../http/sse-frame';
import type { ScriptedReply } from '../simulator-types';
import { openaiCompletionBody } from './openai-completion-body';
import { openaiRequestView } from './openai-request-view';
import { newOpenAIResponseContext } from './openai-response-context';
import { openaiStreamChunks } from './openai-stream-chunks';

/** Answer `POST /v1/chat/completions`: a `chat.completion`, or chunks ending in `data: [DONE]`. */
export function renderOpenAIChat(
  body: Record<string, unknown>,
  reply: ScriptedReply | undefined,
): RenderedResponse {
  const view = openaiRequestView(body);
  const answer = buildAnswer(view, reply);
  const context = newOpenAIResponseContext(answer.model ?? view.model ?? 'unknown');
  if (!view.stream)
    return { kind: 'json', status: 200, body: openaiCompletionBody(answer, context) };
  const frames = openaiStreamChunks(answer, context, view.includeUsage).map(dataFrame);
  return { kind: 'stream', frames: [...frames, DONE_FRAME] };
}
