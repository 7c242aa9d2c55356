import { authenticationFailure } from '../auth/authentication-failure';
import { requestErrors } from '../errors/request-errors';
import type { Exchange } from '../http/exchange';
import { answerRequest, type AnswerContext } from '../respond/answer-request';
import { sendError } from '../respond/send-error';
import type { ScriptQueue } from '../script/script-queue';
import { requestProblem } from '../validation/request-problem';

export interface HandlerContext extends AnswerContext {
  readonly queue: ScriptQueue;
  readonly apiKeys: readonly string[] | undefined;
}

/**
 * The gate every request passes, in the real APIs' order: route, Azure's api-version, auth, body
 * checks; then the first matching script step (or the default answer) responds.
 */
export async function handleRequest(exchange: Exchange, context: HandlerContext): Promise<void> {
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
