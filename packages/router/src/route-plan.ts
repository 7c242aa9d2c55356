import {
  LLMError,
  systemClock,
  TypedEventEmitter,
  type Clock,
  type LLMErrorAttempt,
  type LLMErrorType,
} from '@llm/core';
import { classifyFailure, isKeyFailure, type DeploymentRetrySettings } from './classify-failure';
import type { KeyPool, PooledKey } from './key-pool';
import {
  comparedDeployments,
  resolveCandidates,
  type Candidate,
  type ResolvedRoute,
  type RouteOverrides,
  type RoutingCatalog,
} from './resolve-candidates';
import {
  RoutingSettingsSchema,
  type RoutingSettings,
  type RoutingSettingsInput,
  type RoutingStrategyName,
} from './routing-schemas';
import {
  createDeploymentStats,
  createStrategy,
  type DeploymentStats,
  type HeadroomFunction,
  type OrderContext,
  type PriceFunction,
  type RoutingStrategy,
} from './strategies';

/** Why an attempt goes where it goes. */
export type RouteReason = 'first' | 'retry' | 'key_rotation' | 'fallback' | 'context_fallback';

/** Once per attempt, before it is sent. */
export interface RouteEvent {
  readonly callId: string;
  /** 1-based, counted across every deployment of the call. */
  readonly attempt: number;
  readonly deployment: { readonly provider: string; readonly model: string };
  readonly strategy: RoutingStrategyName;
  readonly reason: RouteReason;
  readonly delayMs: number;
  /** The key's fingerprint, never the key. */
  readonly key?: string;
}

/** When a call leaves one deployment for another. */
export interface FallbackEvent {
  readonly callId: string;
  /** `provider/model` of the deployment left and the one tried next. */
  readonly from: string;
  readonly to: string;
  readonly errorType: LLMErrorType;
  /** The `origin` the call's plan was given (`PlanOptions.origin`), when it was given one. */
  readonly origin?: unknown;
}

export interface RouterEvents {
  route: RouteEvent;
  fallback: FallbackEvent;
}

/** The router's events, in core's one event style. */
export class RouterEventEmitter extends TypedEventEmitter<RouterEvents> {}

/** Why a deployment may not be available now; anything but `healthy` is skipped while others are. */
export type DeploymentStatus = 'healthy' | 'circuit_open' | 'cooling_down' | 'unhealthy';

/** The health state the router reads (breakers, cooldowns, health checks live elsewhere). */
export interface DeploymentHealth {
  status(candidate: Candidate): DeploymentStatus;
}

/** One attempt of a call, as the response's `metadata.attempts` and the final error list it. */
export interface RouteAttempt {
  readonly attempt: number;
  readonly provider: string;
  readonly model: string;
  /** `success` or the error type. */
  readonly outcome: string;
  readonly duration_ms: number;
  readonly status?: number;
  readonly key?: string;
}

/** What the caller does next: send an attempt (after `delayMs`), or end with `error`. */
export type RouteStep =
  | {
      readonly done: false;
      readonly attempt: number;
      readonly candidate: Candidate;
      /** The key to send with; its `apiKey` goes to the provider and nowhere else. */
      readonly key?: PooledKey;
      readonly delayMs: number;
      readonly reason: RouteReason;
      /** The strategy of the group the candidate came from (what the `route` event names). */
      readonly strategy: RoutingStrategyName;
    }
  | { readonly done: true; readonly error: LLMError };

export interface PlanOptions {
  readonly callId?: string;
  /**
   * Your own value naming the call (opaque to the router, e.g. your call's ids): the `fallback`
   * events of this plan carry it as `origin`, since the router is shared by every call.
   */
  readonly origin?: unknown;
  readonly overrides?: RouteOverrides;
  readonly stream?: boolean;
  /** Prompt plus expected output tokens, for `cheapest`. */
  readonly estimatedTokens?: number;
  /** Prompt tokens, to tell which context windows fit after a `token_limit` failure. */
  readonly promptTokens?: number;
  /** The user's explicit retry settings for this call; they win over the router's. */
  readonly retry?: Partial<DeploymentRetrySettings>;
}

/**
 * One call's route, a state machine the caller drives: `first()`, then `failed(error)` after each
 * failed attempt (it returns the next step) or `succeeded()` once an attempt answered.
 */
export interface RoutePlan {
  readonly callId: string;
  /** Provider requests this call may still make before `max_attempts` (retries included). */
  requestsLeft(): number;
  readonly route: ResolvedRoute;
  readonly strategy: RoutingStrategyName;
  readonly candidates: readonly Candidate[];
  first(): RouteStep;
  /**
   * The attempt in progress failed; `requests` is how many provider requests it made (its
   * deployment's own retries included, default 1; 0 when it was refused before any was sent):
   * they count against `max_attempts`.
   */
  failed(error: LLMError, result?: { requests?: number }): RouteStep;
  succeeded(result?: { firstChunkMs?: number; requests?: number }): readonly RouteAttempt[];
  readonly attempts: readonly RouteAttempt[];
  /** Milliseconds left before the call's deadline (never negative). */
  remainingMs(): number;
}

export interface RouterOptions {
  readonly catalog: RoutingCatalog;
  readonly settings?: RoutingSettingsInput;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly health?: DeploymentHealth;
  readonly stats?: DeploymentStats;
  readonly keys?: KeyPool;
  readonly price?: PriceFunction;
  readonly headroom?: HeadroomFunction;
  /** Retry settings of one deployment (from `[llm.retry]` and the provider's `max_retries`). */
  readonly retry?: (candidate: Candidate) => Partial<DeploymentRetrySettings> | undefined;
  /**
   * Which deployments `stats` measures: `every` one (the default), or only those a strategy
   * `compared` with another, i.e. that share a candidate group with another deployment in some
   * route of the catalog. A strategy never orders a lone deployment, so a router whose stats only
   * its strategies read (the manager's) skips measuring those. Ignored when `stats` is given.
   */
  readonly measure?: 'every' | 'compared';
}

export interface Router {
  readonly settings: RoutingSettings;
  readonly stats: DeploymentStats;
  /** The deployments a model name resolves to in this router's catalog (see `resolveCandidates`). */
  resolve(requestModel: string, overrides?: RouteOverrides): ResolvedRoute;
  /**
   * One call's plan for a model name, or for a route `resolve` returned (a caller that plans the
   * same name often keeps its route; `options.overrides` then play no part).
   */
  plan(requestModel: string | ResolvedRoute, options?: PlanOptions): RoutePlan;
  on<Name extends keyof RouterEvents>(
    event: Name,
    listener: (payload: RouterEvents[Name]) => void,
  ): () => void;
}

/** How often a call tried one deployment, and when it first did. */
interface DeploymentTries {
  count: number;
  readonly firstAt: number;
}

/** The candidates of every group, each group in its strategy's order. */
function orderGroups(
  groups: ResolvedRoute['groups'],
  strategyFor: (name: RoutingStrategyName) => RoutingStrategy,
  context: OrderContext,
  random: () => number,
): readonly Candidate[] {
  return groups.length === 1
    ? strategyFor(groups[0]!.strategy).order(groups[0]!.candidates, context, random)
    : groups.flatMap((group) =>
        strategyFor(group.strategy).order(group.candidates, context, random),
      );
}

/** The strategy of the group a candidate came from (the route's for a context fallback). */
function strategyOf(route: ResolvedRoute, candidate: Candidate): RoutingStrategyName {
  return (
    route.groups.find((group) => group.candidates.includes(candidate))?.strategy ?? route.strategy
  );
}

const STOP_MESSAGES: Record<string, string> = {
  exhausted: 'every candidate failed',
  max_attempts: 'max_attempts reached',
  deadline: 'the deadline passed',
  no_candidate_fits: 'no candidate has a context window the prompt fits',
};

export function createRouter(options: RouterOptions): Router {
  const settings = RoutingSettingsSchema.parse(options.settings ?? {});
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const stats = options.stats ?? createDeploymentStats();
  const events = new RouterEventEmitter();
  const strategies = new Map<RoutingStrategyName, RoutingStrategy>();
  const catalog: RoutingCatalog = {
    ...options.catalog,
    settings: {
      strategy: options.catalog.settings?.strategy ?? settings.strategy,
      stream_recovery: options.catalog.settings?.stream_recovery ?? settings.stream_recovery,
    },
  };
  const strategyFor = (name: RoutingStrategyName) => {
    let strategy = strategies.get(name);
    if (!strategy) {
      strategy = createStrategy(name, { price: options.price, headroom: options.headroom });
      strategies.set(name, strategy);
    }
    return strategy;
  };
  const available = (candidate: Candidate) =>
    (options.health?.status(candidate) ?? 'healthy') === 'healthy';
  // Found on the first plan: the catalog never changes.
  let compared: ReadonlySet<string> | undefined;
  const measures =
    options.stats !== undefined || options.measure !== 'compared'
      ? () => true
      : (candidate: Candidate) => (compared ??= comparedDeployments(catalog)).has(candidate.id);
  // A payload nobody subscribed to is never built.
  let routeListeners = 0;
  let calls = 0;

  function plan(requestModel: string | ResolvedRoute, planOptions: PlanOptions = {}): RoutePlan {
    const route =
      typeof requestModel === 'string'
        ? resolveCandidates(requestModel, catalog, planOptions.overrides)
        : requestModel;
    const callId = planOptions.callId ?? `call-${++calls}`;
    // One group (the common case) is ordered without building a new list, and a group of one
    // deployment needs no ordering at all: every strategy puts a lone candidate first.
    const groups = route.groups;
    const ordered =
      groups.length === 1 && groups[0]!.candidates.length === 1
        ? groups[0]!.candidates
        : orderGroups(
            groups,
            strategyFor,
            {
              stats,
              stream: planOptions.stream,
              estimatedTokens: planOptions.estimatedTokens,
            },
            random,
          );
    const startedAt = clock.now();
    const deadlineAt = startedAt + settings.deadline;
    const attempts: RouteAttempt[] = [];
    const messages: string[] = [];
    // The deployments tried and how often: the first in two variables (most calls try one), the
    // others in a map made once a second one is tried.
    let firstId: string | undefined;
    let firstTries: DeploymentTries | undefined;
    let otherTries: Map<string, DeploymentTries> | undefined;
    const triesOf = (id: string): DeploymentTries | undefined =>
      id === firstId ? firstTries : otherTries?.get(id);
    // Provider requests made so far: what `max_attempts` bounds, retries on one deployment included.
    let requests = 0;
    let queue: readonly Candidate[] = ordered;
    let current: { step: Extract<RouteStep, { done: false }>; startedAt: number } | undefined;
    let lastError: LLMError | undefined;
    let started = false;

    // A lone candidate is tried whatever its health says, so its health is not asked.
    const pick = (): Candidate | undefined => {
      const untried =
        firstId === undefined
          ? queue
          : queue.filter((candidate) => triesOf(candidate.id) === undefined);
      return untried.length === 1 ? untried[0] : (untried.find(available) ?? untried[0]);
    };

    const issue = (candidate: Candidate, delayMs: number, reason: RouteReason): RouteStep => {
      const pool = candidate.key_pool ?? candidate.provider;
      const key = options.keys?.acquire(pool);
      // With one group, every candidate of the ordered queue came from it.
      const strategy =
        groups.length === 1 && queue === ordered
          ? groups[0]!.strategy
          : strategyOf(route, candidate);
      const step = {
        done: false as const,
        attempt: requests + 1,
        candidate,
        delayMs,
        reason,
        strategy,
        ...(key ? { key } : {}),
      };
      const beginsAt = clock.now() + delayMs;
      const seen = triesOf(candidate.id);
      if (seen) seen.count += 1;
      else if (firstId === undefined) {
        firstId = candidate.id;
        firstTries = { count: 1, firstAt: beginsAt };
      } else (otherTries ??= new Map()).set(candidate.id, { count: 1, firstAt: beginsAt });
      current = { step, startedAt: beginsAt };
      if (measures(candidate)) stats.started(candidate);
      if (routeListeners > 0)
        events.emit('route', {
          callId,
          attempt: step.attempt,
          deployment: { provider: candidate.provider, model: candidate.model },
          strategy,
          reason,
          delayMs,
          ...(key ? { key: key.fingerprint } : {}),
        });
      return step;
    };

    const finish = (reason: string): RouteStep => {
      const error = lastError!;
      const errorAttempts = attempts.map((attempt, i): LLMErrorAttempt & RouteAttempt => ({
        ...attempt,
        type: attempt.outcome as LLMErrorAttempt['type'],
        message: messages[i]!,
        ...(attempt.status === undefined ? {} : { statusCode: attempt.status }),
      }));
      const summary = STOP_MESSAGES[reason];
      return {
        done: true,
        error: error.with({
          attempts: errorAttempts,
          details: { ...error.details, route_stop: reason },
          ...(summary
            ? {
                message: `${error.message} (routing stopped after ${requests} attempt(s): ${summary})`,
              }
            : {}),
        }),
      };
    };

    const moveOn = (from: Candidate, error: LLMError, reason: RouteReason): RouteStep => {
      const next = pick();
      if (!next) return finish(reason === 'context_fallback' ? 'no_candidate_fits' : 'exhausted');
      const { origin } = planOptions;
      events.emit(
        'fallback',
        origin === undefined
          ? { callId, from: from.id, to: next.id, errorType: error.type }
          : { callId, from: from.id, to: next.id, errorType: error.type, origin },
      );
      return issue(next, 0, reason);
    };

    const contextQueue = (failed: Candidate): Candidate[] => {
      const needed =
        planOptions.promptTokens ??
        (failed.context_window === undefined ? undefined : failed.context_window + 1);
      const others = ordered.filter((candidate) => candidate.model !== failed.model);
      const fits = others.filter(
        (candidate) =>
          needed !== undefined &&
          candidate.context_window !== undefined &&
          candidate.context_window >= needed,
      );
      const unknown = others.filter((candidate) => candidate.context_window === undefined);
      const fallbacks = route.contextWindowFallbacks.filter(
        (candidate) =>
          candidate.model !== failed.model &&
          (needed === undefined ||
            candidate.context_window === undefined ||
            candidate.context_window >= needed),
      );
      return [...new Map([...fallbacks, ...fits, ...unknown].map((c) => [c.id, c])).values()];
    };

    return {
      callId,
      route,
      strategy: route.strategy,
      candidates: ordered,
      attempts,
      remainingMs: () => Math.max(0, deadlineAt - clock.now()),
      requestsLeft: () => Math.max(0, settings.max_attempts - requests),
      first() {
        if (started)
          throw new LLMError({
            type: 'invalid_request',
            message: 'RoutePlan.first() was already called for this call',
            retryable: false,
          });
        started = true;
        return issue(pick()!, 0, 'first');
      },
      failed(error, result = {}) {
        if (!current)
          throw new LLMError({
            type: 'invalid_request',
            message: 'RoutePlan.failed() needs an attempt in progress (call first())',
            retryable: false,
          });
        const { step, startedAt: attemptStartedAt } = current;
        const { candidate, key } = step;
        const now = clock.now();
        current = undefined;
        requests += result.requests ?? 1;
        lastError = error;
        messages.push(error.message);
        attempts.push({
          attempt: step.attempt,
          provider: candidate.provider,
          model: candidate.model,
          outcome: error.type,
          duration_ms: Math.max(0, now - attemptStartedAt),
          ...(error.statusCode === undefined ? {} : { status: error.statusCode }),
          ...(key ? { key: key.fingerprint } : {}),
        });
        if (measures(candidate)) stats.finished(candidate, {});
        if (key && isKeyFailure(error)) options.keys?.bench(key);
        const seen = triesOf(candidate.id)!;
        const action = classifyFailure(error, {
          attemptsOnDeployment: seen.count,
          firstAttemptAt: seen.firstAt,
          now,
          hasAnotherKey: key !== undefined && (options.keys?.available(key.pool) ?? 0) > 0,
          retry: { ...options.retry?.(candidate), ...planOptions.retry },
          random,
        });
        if (action.action === 'stop') return finish(action.reason);
        if (requests >= settings.max_attempts) return finish('max_attempts');
        if (now >= deadlineAt) return finish('deadline');
        if (action.action === 'retry-same' && now + action.delayMs < deadlineAt) {
          return issue(candidate, action.delayMs, action.rotateKey ? 'key_rotation' : 'retry');
        }
        if (action.action === 'context-fallback') {
          queue = contextQueue(candidate);
          return moveOn(candidate, error, 'context_fallback');
        }
        return moveOn(candidate, error, queue === ordered ? 'fallback' : 'context_fallback');
      },
      succeeded(result = {}) {
        if (!current)
          throw new LLMError({
            type: 'invalid_request',
            message: 'RoutePlan.succeeded() needs an attempt in progress (call first())',
            retryable: false,
          });
        const { step, startedAt: attemptStartedAt } = current;
        current = undefined;
        requests += result.requests ?? 1;
        const duration = Math.max(0, clock.now() - attemptStartedAt);
        attempts.push({
          attempt: step.attempt,
          provider: step.candidate.provider,
          model: step.candidate.model,
          outcome: 'success',
          duration_ms: duration,
          ...(step.key ? { key: step.key.fingerprint } : {}),
        });
        if (measures(step.candidate))
          stats.finished(step.candidate, {
            latencyMs: duration,
            firstChunkMs: result.firstChunkMs,
          });
        return attempts;
      },
    };
  }

  return {
    settings,
    stats,
    resolve: (requestModel, overrides) => resolveCandidates(requestModel, catalog, overrides),
    plan,
    on(event, listener) {
      const off = events.on(event, listener);
      if (event !== 'route') return off;
      routeListeners += 1;
      let subscribed = true;
      return () => {
        if (subscribed) routeListeners -= 1;
        subscribed = false;
        off();
      };
    },
  };
}
