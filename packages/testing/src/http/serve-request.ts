import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLog } from '../log/request-log';
import { handleRequest, type HandlerContext } from '../routing/handle-request';
import { routeRequest } from '../routing/route-request';
import { watchConnection } from './connection-watch';
import { Exchange } from './exchange';
import { lowerCaseHeaders } from './lower-case-headers';
import { readRequestBody } from './read-request-body';

export interface ServeContext extends HandlerContext {
  readonly log: RequestLog;
  /** Aborted when the simulator closes; every open request ends with it. */
  readonly closing: AbortSignal;
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
