import {
  estimateUsage,
  toLLMError,
  type LLMError,
  type LLMRequest,
  type LLMStreamChunk,
} from '@llm/core';
import type { RouteStep } from '@llm/router';
import { iterateInCall } from './call-context';
import { CallSession, type CallServices, type ManagerCallOptions } from './call-session';
import type { ManagerSnapshot } from './manager-snapshot';
import { checkChatRequest, checkChatRequestForModel, estimatedTokens } from './request-checks';
import { startCallDeadline, type CallDeadline } from './route-call';
import { enterStep, finalRouteError, openRoute } from './routed-attempts';

/**
 * One streaming chat call, routed like `runChat`. Before the first chunk reaches the caller a
 * failed attempt moves on invisibly; after it, the route's `stream_recovery` decides: `error` ends
 * with the typed error carrying the partial text (`details.partial_text`), never a finish;
 * `restart` yields a `restart` chunk and streams the whole answer from the next candidate (the
 * original messages again); `buffer` holds every chunk until the answer is complete. The `finish`
 * chunk's usage is priced. Each provider request gets its ledger record whether the stream
 * finishes, fails, or the consumer stops.
 */
export function runStream(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions = {},
): AsyncIterable<LLMStreamChunk> {
  const session = new CallSession(services, snapshot, raw, options, 'chat', true);
  return iterateInCall(session.context, stream(session, services, snapshot, raw, options));
}

async function* stream(
  session: CallSession,
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: LLMRequest,
  options: ManagerCallOptions,
): AsyncGenerator<LLMStreamChunk, void, undefined> {
  let settled = false;
  // The model of the attempt in progress; set once the request is known to be valid.
  let model = '';
  let attemptText = '';
  let deadline: CallDeadline | undefined;
  const estimate = (text: string) => estimateUsage(raw, { text }, model);

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
    const recovery = plan.route.streamRecovery;
    let last: LLMError | undefined;
    for (let step: RouteStep = plan.first(); ;) {
      if (step.done) throw finalRouteError(step, plan, last, session);
      if (step.delayMs > 0) await services.clock.sleep(step.delayMs, deadline.signal);
      // Chunks of this attempt the caller has seen (held back instead in `buffer` mode).
      let shown = false;
      attemptText = '';
      const held: LLMStreamChunk[] = [];
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
        model = entered.model;
        const chunks = entry.pipeline.executeStream<LLMStreamChunk>(
          (attempt) =>
            session.streamAttempt(
              attempt,
              key,
              (callOptions) => entry.provider.streamCompletion(sent, callOptions),
              estimate,
            ),
          {
            signal: deadline.signal,
            model,
            estimatedTokens: estimatedTokens(snapshot, entry, sent),
            actualTokens: (chunk) =>
              chunk.type === 'finish' ? chunk.usage.total_tokens : undefined,
          },
        );
        for await (const chunk of chunks) {
          if (chunk.type === 'text-delta') attemptText += chunk.delta;
          if (chunk.type !== 'finish') {
            if (recovery === 'buffer') held.push(chunk);
            else {
              shown = true;
              yield chunk;
            }
            continue;
          }
          const answering = session.openAttempt;
          plan.succeeded({
            requests: session.requestsOfStep,
            firstChunkMs: session.timeToFirstChunk(answering),
          });
          const usage = session.price(chunk.usage);
          settled = true;
          await session.recordSuccess(usage, chunk.metadata?.request_id, {
            response_model: chunk.model,
            finish_reason: chunk.finish_reason,
            content: attemptText,
          });
          yield* held;
          yield {
            ...chunk,
            usage,
            metadata: {
              ...chunk.metadata,
              attempts: session.responseAttempts(),
              attempt_count: session.attemptCount,
              call_id: session.callId,
            },
          };
          return;
        }
        return;
      } catch (thrown) {
        // A failure after the answer was recorded is no attempt's failure.
        if (settled) throw thrown;
        last = deadline.expired
          ? deadline.error(session.providerLabel, session.modelLabel)
          : toLLMError(thrown, session.providerLabel);
        session.closeOpenAttempt(last, attemptText ? estimate(attemptText) : undefined);
        if (shown && recovery === 'error') {
          // Part of the answer reached the caller: it ends with a typed error, never a finish.
          throw last.with({
            details: { ...last.details, partial_text: attemptText },
            attempts: session.errorAttempts(),
          });
        }
        step = plan.failed(last, { requests: session.requestsOfStep });
        if (shown && !step.done)
          yield { type: 'restart', reason: last.type, attempt: step.attempt };
      }
    }
  } catch (thrown) {
    const error = toLLMError(thrown, session.providerLabel);
    settled = true;
    const usage = session.priceFailure(error.usage);
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  } finally {
    deadline?.dispose();
    if (!settled) {
      // The consumer stopped early (break/return): the provider request is cancelled; record what we know.
      settled = true;
      await session.recordStopped(attemptText ? estimate(attemptText) : undefined);
    }
  }
}
