import { LLMError, LLMErrorType, type Clock } from '@llm/core';
import { abortedError } from '../abort-signals';
import { ConcurrencyRefusal } from './concurrency-limiter';
import type { LimitScope, RateLimitName, Reservation, TimedLimit } from './limit-scope';

export type LocalRateLimitKind = 'wait_too_long' | 'queue_full' | 'queue_timeout' | 'too_large';

export interface LocalRateLimitErrorInput {
  readonly provider: string;
  readonly model?: string;
  readonly scope: 'provider' | 'model';
  readonly limit: RateLimitName;
  readonly description: string;
  readonly kind: LocalRateLimitKind;
  readonly maxWaitMs: number;
  /** How long the call would have had to wait (wait_too_long) or did wait (queue_timeout). */
  readonly waitMs?: number;
  readonly tokens?: number;
}

function explain(input: LocalRateLimitErrorInput, target: string): string {
  const limit = `${input.limit} of ${target} (${input.description})`;
  switch (input.kind) {
    case 'wait_too_long':
      return `Local rate limit ${limit} has no permit within max_wait ${input.maxWaitMs} ms (next in ${Math.ceil(input.waitMs ?? 0)} ms)`;
    case 'queue_full':
      return `Local concurrency limit ${limit} has a full queue`;
    case 'queue_timeout':
      return `Local concurrency limit ${limit} had no free slot after ${Math.round(input.waitMs ?? 0)} ms in the queue`;
    case 'too_large':
      return `The call needs about ${input.tokens} tokens, more than the local limit ${limit} allows at once`;
  }
}

/** A call refused by a local limit: a rate_limit error, not retryable, that names the limit. */
export function localRateLimitError(input: LocalRateLimitErrorInput): LLMError {
  const target =
    input.model === undefined || input.scope === 'provider'
      ? `provider "${input.provider}"`
      : `provider "${input.provider}" model "${input.model}"`;
  return new LLMError({
    type: LLMErrorType.RATE_LIMIT_ERROR,
    message: `${explain(input, target)}; the call was not sent.`,
    providerName: input.provider,
    model: input.model,
    retryable: false,
    retryAfterMs:
      input.kind === 'wait_too_long' && Number.isFinite(input.waitMs)
        ? Math.ceil(input.waitMs ?? 0)
        : undefined,
    details: {
      reason: 'local_rate_limit',
      limit: input.limit,
      scope: input.scope,
      kind: input.kind,
      provider: input.provider,
      model: input.model,
      waitMs: input.waitMs,
      maxWaitMs: input.maxWaitMs,
    },
  });
}

export interface PermitSchedule<Limit extends TimedLimit> {
  /** When the call may start; Infinity when some limit can never admit it. */
  readonly at: number;
  /** The limit that decided `at` (undefined when nothing delays the call). */
  readonly binding?: Limit;
}

/**
 * The earliest instant every limit admits the call: each limit's answer only moves forward with
 * its input, so repeating "ask all at the latest answer" reaches the common start time.
 */
export function schedulePermit<Limit extends TimedLimit>(
  limits: readonly Limit[],
  now: number,
  tokens: number,
): PermitSchedule<Limit> {
  let at = now;
  let binding: Limit | undefined;
  for (let round = 0; round < 16; round++) {
    let latest = at;
    for (const limit of limits) {
      const earliest = limit.earliest(at, tokens);
      if (earliest > latest) {
        latest = earliest;
        binding = limit;
      }
    }
    if (latest === at || !Number.isFinite(latest)) return { at: latest, binding };
    at = latest;
  }
  return { at, binding };
}

/** A local limit delayed or refused a call. */
export interface RateLimitedEvent {
  readonly provider: string;
  readonly model?: string;
  readonly scope: 'provider' | 'model';
  readonly limit: RateLimitName;
  readonly waitMs: number;
  readonly rejected: boolean;
  /** The `origin` the limited call passed (see `ExecuteOptions.origin`), when it passed one. */
  readonly origin?: unknown;
}

/** The right to make one call; hold it until the call ends. */
export interface RatePermit {
  readonly waitedMs: number;
  /** Corrects the token reservation with the call's actual usage (undefined keeps the estimate). */
  reconcile(actualTokens: number | undefined): void;
  /** Frees the concurrency slot. Safe to call twice. */
  release(): void;
}

export interface PermitRequest {
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Estimated tokens of the call, reserved against tokens-per-minute limits. */
  readonly tokens?: number;
  readonly onLimited?: (event: RateLimitedEvent) => void;
}

type ScopedLimit = TimedLimit & { readonly owner: LimitScope };

function scopedLimits(scopes: readonly LimitScope[]): ScopedLimit[] {
  return scopes.flatMap((owner) =>
    owner.timed.map((limit) => ({
      owner,
      name: limit.name,
      get description() {
        return limit.description;
      },
      earliest: (at: number, tokens: number) => limit.earliest(at, tokens),
      take: (at: number, tokens: number, now: number) => limit.take(at, tokens, now),
    })),
  );
}

/** The event telling that `binding` delayed the call by `waitMs`, or refused it. */
function limitedBy(binding: ScopedLimit, waitMs: number, rejected: boolean): RateLimitedEvent {
  const { owner } = binding;
  return {
    provider: owner.provider,
    model: owner.model,
    scope: owner.scope,
    limit: binding.name,
    waitMs,
    rejected,
  };
}

async function takeSlots(
  scopes: readonly LimitScope[],
  request: PermitRequest,
  deadline: number,
  releases: (() => void)[],
): Promise<void> {
  const { clock, signal } = request;
  for (const scope of scopes) {
    if (!scope.concurrency) continue;
    const queuedAt = clock.now();
    const describe = {
      provider: scope.provider,
      model: scope.model,
      scope: scope.scope,
      limit: 'max_concurrency' as const,
    };
    try {
      releases.push(
        await scope.concurrency.acquire({
          signal,
          timeoutMs: Math.max(0, Math.min(scope.queueTimeoutMs, deadline - queuedAt)),
        }),
      );
    } catch (error) {
      if (!ConcurrencyRefusal.is(error))
        throw signal?.aborted ? abortedError(signal, scope.provider) : error;
      request.onLimited?.({ ...describe, waitMs: error.waitedMs, rejected: true });
      const description = `max_concurrency ${scope.maxConcurrency}, queue ${scope.queueTimeoutMs} ms`;
      throw localRateLimitError({
        ...describe,
        description,
        kind: error.kind,
        waitMs: error.waitedMs,
        maxWaitMs: scope.maxWaitMs,
      });
    }
    const waitMs = clock.now() - queuedAt;
    if (waitMs > 0) request.onLimited?.({ ...describe, waitMs, rejected: false });
  }
}

/**
 * Waits for a permit from every scope (provider, then model): a concurrency slot first, then one
 * start time that all timed limits agree on. Fails at once, with the limit named, when that time
 * lies beyond the smallest `max_wait` of the scopes.
 */
export async function acquirePermit(
  scopes: readonly LimitScope[],
  request: PermitRequest,
): Promise<RatePermit> {
  const { clock, signal } = request;
  const tokens = request.tokens ?? 0;
  const startedAt = clock.now();
  const maxWaitMs = Math.min(...scopes.map((scope) => scope.maxWaitMs));
  const releases: (() => void)[] = [];
  const release = () => releases.forEach((free) => free());
  try {
    await takeSlots(scopes, request, startedAt + maxWaitMs, releases);
    const limits = scopedLimits(scopes);
    const now = clock.now();
    const { at, binding } = schedulePermit(limits, now, tokens);
    const waitMs = at - now;
    if (binding && waitMs > maxWaitMs - (now - startedAt)) {
      const { owner } = binding;
      request.onLimited?.(limitedBy(binding, waitMs, true));
      const kind = Number.isFinite(waitMs) ? 'wait_too_long' : 'too_large';
      throw localRateLimitError({
        ...owner,
        limit: binding.name,
        description: binding.description,
        kind,
        waitMs,
        maxWaitMs,
        tokens,
      });
    }
    const reservations: Reservation[] = limits.map((limit) => limit.take(at, tokens, now));
    if (waitMs > 0 && binding) {
      request.onLimited?.(limitedBy(binding, waitMs, false));
      try {
        await clock.sleep(waitMs, signal);
      } catch {
        reservations.forEach((reservation) => reservation.cancel());
        throw abortedError(signal ?? new AbortController().signal, binding.owner.provider);
      }
    }
    return {
      waitedMs: clock.now() - startedAt,
      reconcile: (actualTokens) => {
        if (actualTokens !== undefined)
          reservations.forEach((reservation) => reservation.settle(actualTokens));
      },
      release,
    };
  } catch (error) {
    release();
    throw error;
  }
}
