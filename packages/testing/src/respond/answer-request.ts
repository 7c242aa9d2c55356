import { streamErrorFrame } from '../errors/stream-error-frame';
import { sendBody } from '../faults/send-body';
import { EVENT_STREAM, sendEventStream } from '../faults/send-event-stream';
import { sleep, waitForAbort } from '../http/abortable-wait';
import type { Exchange } from '../http/exchange';
import type { ModelLists } from '../models/models-handler';
import { sendReplay } from '../replay/send-replay';
import type { ScriptStep } from '../simulator-types';
import { isRecord } from '../tokens/message-text';
import { renderResponse } from './render-response';
import { errorContextOf, sendError } from './send-error';

export interface AnswerContext {
  readonly wireDir: string | undefined;
  readonly models: ModelLists;
}

function isStreaming(step: ScriptStep | undefined, body: unknown): boolean {
  if (step?.replay !== undefined) return step.replay.endsWith('.sse');
  return isRecord(body) && body['stream'] === true;
}

/** Answer a request that passed the gate, applying the step's delay, fault, error, replay or reply. */
export async function answerRequest(
  exchange: Exchange,
  step: ScriptStep | undefined,
  context: AnswerContext,
): Promise<void> {
  exchange.addHeaders(step?.headers);
  if (step?.delayMs !== undefined && !(await sleep(step.delayMs, exchange.signal))) return;
  const streaming = isStreaming(step, exchange.record.body);
  const fault = step?.fault;
  if (fault === 'drop-before-headers') return exchange.dropConnection();
  if (fault === 'hang' && (!streaming || step?.afterChunks === undefined))
    return waitForAbort(exchange.signal);
  if (step?.error !== undefined && fault !== 'mid-stream-error' && step.replay === undefined)
    return sendError(exchange, step.error);
  if (fault === 'mid-stream-error' && !streaming) {
    return sendError(
      exchange,
      step?.error ?? { status: exchange.route.dialect === 'anthropic' ? 529 : 500 },
    );
  }
  if (step?.replay !== undefined)
    return sendReplay(exchange, { ...step, replay: step.replay }, context.wireDir);

  const body = isRecord(exchange.record.body) ? exchange.record.body : {};
  const rendered = renderResponse(
    exchange.route,
    { ...exchange.record, body },
    step?.reply,
    context.models,
  );
  if (rendered.kind === 'error') return sendError(exchange, rendered.error);
  if (rendered.kind === 'json')
    return sendBody(
      exchange,
      rendered.status,
      'application/json',
      JSON.stringify(rendered.body),
      step,
    );
  return sendEventStream(exchange, rendered.frames, step, {
    contentType: EVENT_STREAM,
    errorFrame: () =>
      streamErrorFrame(exchange.route.dialect, step?.error, errorContextOf(exchange)),
  });
}
