import {
  LLMError,
  LLMErrorType,
  type EmbeddingRequest,
  type LLMRequest,
  type ValidationResult,
} from '@llm/core';
import type { RoutePlan, RouteStep } from '@llm/router';
import type { CallSession, ManagerCallOptions } from './call-session';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';
import { planCall, type CallRoute } from './route-call';

type RoutableRequest = LLMRequest | EmbeddingRequest;
type Attempt = Extract<RouteStep, { done: false }>;

/**
 * Checks a request's shape, then plans its route (a fixed route's provider checks the request
 * against its model first, as before routing). Throws the validation or routing error.
 */
export function openRoute<Request extends RoutableRequest>(
  session: CallSession,
  snapshot: ManagerSnapshot,
  raw: unknown,
  options: ManagerCallOptions,
  checks: {
    shape: (request: unknown) => ValidationResult;
    forModel?: (request: Request, entry: ProviderEntry) => ValidationResult;
  },
): { request: Request; route: CallRoute } {
  session.refuseInvalid(checks.shape(raw));
  const request = raw as Request;
  session.adoptTags(request.tags);
  const { fallbacks, strategy, streamRecovery } = options;
  try {
    const route = planCall(
      snapshot,
      request,
      {
        callId: session.callId,
        overrides: {
          ...(fallbacks ? { fallbacks } : {}),
          ...(strategy ? { strategy } : {}),
          ...(streamRecovery ? { streamRecovery } : {}),
        },
        stream: session.stream,
      },
      (entry) => {
        session.moveTo(entry, request.model);
        const routed = checks.forModel?.(request, entry);
        if (routed) session.refuseInvalid(routed, request.model);
      },
    );
    return { request, route };
  } catch (error) {
    session.noteRefusingProvider(error);
    throw error;
  }
}

/**
 * Moves the call to one step's deployment: returns its entry and the request as it gets it (the
 * first step also reserves the call's budget), or throws its model's validation error or the
 * budget's refusal.
 */
export async function enterStep<Request extends RoutableRequest>(
  session: CallSession,
  snapshot: ManagerSnapshot,
  step: Attempt,
  route: CallRoute,
  request: Request,
  forModel?: (request: Request, entry: ProviderEntry) => ValidationResult,
): Promise<{ model: string; entry: ProviderEntry; request: Request }> {
  const model = route.modelFor(step.candidate);
  const entry = snapshot.providers.get(step.candidate.provider);
  if (!entry)
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `Provider "${step.candidate.provider}" is not configured or not enabled`,
      providerName: step.candidate.provider,
      model,
      retryable: false,
    });
  const sent = model === request.model ? request : { ...request, model };
  session.moveTo(entry, model);
  const routed = forModel?.(sent, entry);
  if (routed) session.refuseInvalid(routed, model);
  await session.enterStep(entry, model, route.plan.requestsLeft(), sent);
  return { model, entry, request: sent };
}

/**
 * The error a routed call ends with: the router's (why routing stopped), or, when the route had one
 * deployment and nowhere else to go, that deployment's own error; either way listing every
 * provider request the call made (deployment, error type, status, duration).
 */
export function finalRouteError(
  step: Extract<RouteStep, { done: true }>,
  plan: RoutePlan,
  last: LLMError | undefined,
  session: CallSession,
): LLMError {
  const error =
    last && plan.candidates.length === 1 && plan.route.contextWindowFallbacks.length === 0
      ? last
      : step.error;
  return session.attemptCount > 0 ? error.with({ attempts: session.errorAttempts() }) : error;
}
