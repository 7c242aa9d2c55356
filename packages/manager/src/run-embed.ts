import {
  LLMError,
  LLMErrorType,
  toLLMError,
  type EmbeddingRequest,
  type EmbeddingResponse,
} from '@llm/core';
import type { RouteStep } from '@llm/router';
import { runInCall } from './call-context';
import { CallSession, type CallServices, type ManagerCallOptions } from './call-session';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';
import { checkEmbeddingRequest } from './request-checks';
import { startCallDeadline, type CallDeadline } from './route-call';
import { enterStep, finalRouteError, openRoute } from './routed-attempts';

/** The provider's `embed`, or the refusal of a provider type without embeddings (the router moves on). */
function embedderOf(entry: ProviderEntry, model: string) {
  const { provider } = entry;
  const embed = provider.embed?.bind(provider);
  if (embed) return embed;
  throw new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `Provider "${provider.name}" (type ${provider.type}) does not support embeddings`,
    providerName: provider.name,
    model,
    retryable: false,
  });
}

/**
 * One embeddings call, routed through the same logical models and deployments as chat (a failed
 * deployment fails over to the next), priced at the input price and recorded like a chat call.
 */
export function runEmbed(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: EmbeddingRequest,
  options: ManagerCallOptions = {},
): Promise<EmbeddingResponse> {
  const session = new CallSession(services, snapshot, raw, options, 'embedding');
  return runInCall(session.context, () => embed(session, services, snapshot, raw, options));
}

async function embed(
  session: CallSession,
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: EmbeddingRequest,
  options: ManagerCallOptions,
): Promise<EmbeddingResponse> {
  let deadline: CallDeadline | undefined;
  try {
    const { request, route } = openRoute<EmbeddingRequest>(session, snapshot, raw, options, {
      shape: checkEmbeddingRequest,
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
      let response: EmbeddingResponse;
      try {
        const { key } = step;
        const entered = await enterStep(session, snapshot, step, route, request);
        const { entry, request: sent } = entered;
        const send = embedderOf(entry, entered.model);
        response = await entry.pipeline.execute(
          (attempt) => session.sendAttempt(attempt, key, (callOptions) => send(sent, callOptions)),
          { signal: deadline.signal, model: entered.model },
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
      });
      return { ...response, usage };
    }
  } catch (thrown) {
    const error = toLLMError(thrown, session.providerLabel);
    await session.recordFailure(error);
    throw error;
  } finally {
    deadline?.dispose();
  }
}
