// Serving one request: read and record it, watch for the client leaving early, then pass it
// through the gate (route, Azure's api-version, auth, body checks) to its answer.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ScriptQueue } from '../script/script-queue';
import { answerRequest, type AnswerContext } from './answer-request';
import { requestErrors, sendError } from './error-responses';
import { Exchange, watchConnection } from './exchange';
import { authenticationFailure, requestProblem } from './request-checks';
import type { RequestLog } from './request-log';
import { routeRequest } from './route-request';

interface RequestBody {
  readonly text: string;
  /** Parsed JSON; undefined when empty or not JSON. */
  readonly json: unknown;
}

/** Read the whole body; a client that goes away mid-body yields what arrived. */
async function readRequestBody(request: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    // aborted mid-body: keep what arrived
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { text, json: undefined };
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch {
    return { text, json: undefined };
  }
}

/** Node already lower-cases names; repeated headers are joined with `, `. */
function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

export interface ServeContext extends AnswerContext {
  readonly queue: ScriptQueue;
  readonly apiKeys: readonly string[] | undefined;
  readonly log: RequestLog;
  /** Aborted when the simulator closes; every open request ends with it. */
  readonly closing: AbortSignal;
}

/**
 * The gate every request passes, in the real APIs' order: route, Azure's api-version, auth, body
 * checks; then the first matching script step (or the default answer) responds.
 */
async function handleRequest(exchange: Exchange, context: ServeContext): Promise<void> {
  const { route, record } = exchange;
  if (route.kind === 'unknown') {
    const step = context.queue.take(record, route.kind);
    if (step === undefined)
      return sendError(
        exchange,
        requestErrors.unknownRoute(route.dialect, record.method, record.path),
      );
    return answerRequest(exchange, step, context);
  }
  if (route.dialect === 'azure' && record.query['api-version'] === undefined)
    return sendError(exchange, requestErrors.missingApiVersion());
  const unauthenticated = authenticationFailure(route.dialect, record.headers, context.apiKeys);
  if (unauthenticated !== undefined) return sendError(exchange, unauthenticated);
  const problem = requestProblem(route, record.body, record.headers);
  if (problem !== undefined) return sendError(exchange, problem);
  return answerRequest(exchange, context.queue.take(record, route.kind), context);
}

/** Record one request, watch for the client leaving early, and answer it. */
export async function serveRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: ServeContext,
): Promise<void> {
  const watch = watchConnection(response, context.log, context.closing);
  const body = await readRequestBody(request);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const headers = lowerCaseHeaders(request.headers);
  const method = request.method ?? 'GET';
  const route = routeRequest(method, url.pathname, headers);
  const record = context.log.add({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: body.json,
    protocol: route.protocol,
    ...(route.deployment === undefined ? {} : { deployment: route.deployment }),
    receivedAt: Date.now(),
  });
  watch.attach(record);

  const exchange = new Exchange({
    response,
    record,
    route,
    signal: watch.signal,
    onServerDrop: watch.serverDrops,
  });
  try {
    await handleRequest(exchange, context);
  } catch (error) {
    const message = `llm-sim: internal error: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    if (!exchange.headersSent)
      exchange.sendJson(500, { error: { message, type: 'server_error', param: null, code: null } });
    else exchange.dropConnection();
  }
}
