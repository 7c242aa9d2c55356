import { buildAnswer } from '../answer/build-answer';
import type { RenderedResponse } from '../http/rendered-response';
import { eventFrame } from '../http/sse-frame';
import { randomIds } from '../ids/random-ids';
import type { ScriptedReply } from '../simulator-types';
import { anthropicMessageBody } from './anthropic-message-body';
import { anthropicRequestView } from './anthropic-request-view';
import { anthropicStreamEvents } from './anthropic-stream-events';

/** Answer `POST /v1/messages`: a `message`, or its `event:`-framed stream. */
export function renderAnthropicMessages(
  body: Record<string, unknown>,
  reply: ScriptedReply | undefined,
): RenderedResponse {
  const view = anthropicRequestView(body);
  const answer = buildAnswer(view, reply);
  const context = { id: randomIds.message(), model: answer.model ?? view.model ?? 'unknown' };
  if (!view.stream)
    return { kind: 'json', status: 200, body: anthropicMessageBody(answer, context) };
  return {
    kind: 'stream',
    frames: anthropicStreamEvents(answer, context).map(({ event, data }) =>
      eventFrame(event, data),
    ),
  };
}
