import { toLLMError, type LLMError, type LLMRequest, type LLMResponse } from '@llm/core';
import type { RouteStep } from '@llm/router';
import { runInCall } from './call-context';
import { CallSession, type CallServices, type ManagerCallOptions } from './call-session';
import type { ManagerSnapshot } from './manager-snapshot';
import { checkChatRequest, checkChatRequestForModel, estimatedTokens } from './request-checks';
import { startCallDeadline, type CallDeadline } from './route-call';
import { enterStep, finalRouteError, openRoute } from './routed-attempts';

/**
 * One non-streaming chat call: validation, routing, budget, each attempt through its deployment's
 * pipeline (moving on as the router decides), pricing at the deployment that answered, one record
 * per provider request.
 */
export function runChat(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions = {},
): Promise<LLMResponse> {
  const session = new CallSession(services, snapshot, raw, options, 'chat');
  return runInCall(session.context, () => chat(session, services, snapshot, raw, options));
}

async function chat(
  session: CallSession,
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions,
): Promise<LLMResponse> {
  let deadline: CallDeadline | undefined;
  try {
    const { request, route } = openRoute<LLMRequest>(session, snapshot, raw, options, {
      shape: checkChatRequest,
      forModel: checkChatRequestForModel,
    });
    const { plan } = route;
    deadline = startCallDeadline(
      plan,
      services.clock,
      snapshot.router.settings.deadline,
      options.signal,
    );
    let last: LLMError | undefined;
    for (let step: RouteStep = plan.first(); ;) {
      if (step.done) throw finalRouteError(step, plan, last, session);
      if (step.delayMs > 0) await services.clock.sleep(step.delayMs, deadline.signal);
      let response: LLMResponse;
      try {
        const { key } = step;
        const entered = await enterStep(
          session,
          snapshot,
          step,
          route,
          request,
          checkChatRequestForModel,
        );
        const { entry, request: sent } = entered;
        response = await entry.pipeline.execute(
          (attempt) =>
            session.sendAttempt(attempt, key, (callOptions) =>
              entry.provider.chatCompletion(sent, callOptions),
            ),
          {
            signal: deadline.signal,
            model: entered.model,
            estimatedTokens: estimatedTokens(snapshot, entry, sent),
            actualTokens: (result) => result.usage.total_tokens,
          },
        );
      } catch (thrown) {
        last = deadline.expired
          ? deadline.error(session.providerLabel, session.modelLabel)
          : toLLMError(thrown, session.providerLabel);
        session.closeOpenAttempt(last);
        step = plan.failed(last, { requests: session.requestsOfStep });
        continue;
      }
      plan.succeeded({ requests: session.requestsOfStep });
      const usage = session.price(response.usage);
      await session.recordSuccess(usage, response.metadata.request_id, {
        response_model: response.model,
        finish_reason: response.finish_reason,
        content: response.content,
      });
      return {
        ...response,
        usage,
        metadata: {
          ...response.metadata,
          attempts: session.responseAttempts(),
          attempt_count: session.attemptCount,
          call_id: session.callId,
        },
      };
    }
  } catch (thrown) {
    const error = toLLMError(thrown, session.providerLabel);
    const usage = session.priceFailure(error.usage);
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  } finally {
    deadline?.dispose();
  }
}
