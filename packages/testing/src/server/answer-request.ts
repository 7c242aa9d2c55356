// Answering a request that passed the gate: the step's delay, fault, error, replay or reply, or the
// protocol's default answer, rendered by the protocol's writer and sent with the step's faults.
import { isRecord } from '../answer/simulator-tokens';
import type { RenderedResponse } from '../answer/rendered-response';
import { renderAnthropicMessages } from '../anthropic/anthropic-messages';
import { renderAzureChat } from '../azure/azure-chat';
import { renderEmbeddings } from '../embeddings/embeddings';
import { EVENT_STREAM, sendBody, sendEventStream } from '../faults/fault-injection';
import { renderModels, type ModelLists } from '../models/models';
import { renderOpenAIChat } from '../openai/openai-chat';
import { sendReplay } from '../replay/replay';
import type { ScriptedReply, ScriptStep } from '../simulator-types';
import { errorContextOf, requestErrors, sendError, streamErrorFrame } from './error-responses';
import { sleep, waitForAbort, type Exchange } from './exchange';
import type { Route } from './route-request';

/** The answer a route gives: its protocol handler's response to the (scripted or default) reply. */
function renderResponse(
  route: Route,
  request: {
    readonly method: string;
    readonly path: string;
    readonly body: Record<string, unknown>;
  },
  reply: ScriptedReply | undefined,
  models: ModelLists,
): RenderedResponse {
  switch (route.kind) {
    case 'chat':
      return route.dialect === 'azure'
        ? renderAzureChat(request.body, route.deployment ?? 'unknown', reply)
        : renderOpenAIChat(request.body, reply);
    case 'messages':
      return renderAnthropicMessages(request.body, reply);
    case 'embeddings':
      return renderEmbeddings(request.body, route.deployment, reply);
    case 'models':
      return renderModels(route, models);
    case 'unknown':
      return {
        kind: 'error',
        error: requestErrors.unknownRoute(route.dialect, request.method, request.path),
      };
  }
}

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
