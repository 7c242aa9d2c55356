import { errorBody } from '../errors/error-body';
import type { ErrorContext } from '../errors/error-context';
import type { Exchange } from '../http/exchange';
import type { ScriptedError } from '../simulator-types';
import { isRecord } from '../tokens/message-text';

/** What error messages may mention about this request. */
export function errorContextOf(exchange: Exchange): ErrorContext {
  const body = exchange.record.body;
  const model = isRecord(body) && typeof body['model'] === 'string' ? body['model'] : undefined;
  return {
    model: model ?? exchange.route.modelId ?? exchange.route.deployment,
    requestId: exchange.requestId,
    apiVersion: exchange.record.query['api-version'],
  };
}

/** An HTTP error response with the dialect's real body (or the scripted one). */
export function sendError(exchange: Exchange, error: ScriptedError): void {
  exchange.sendJson(
    error.status,
    errorBody(exchange.route.dialect, error.status, error, errorContextOf(exchange)),
  );
}
