import type { Clock } from '@llm/core';
import { abortedError } from '../signal/aborted-error';
import { ConcurrencyRefusal } from './concurrency-limiter';
import type { LimitScope } from './limit-scope';
import { localRateLimitError } from './local-rate-limit-error';
import { schedulePermit } from './schedule-permit';
import type { RateLimitName, Reservation, TimedLimit } from './timed-limit';

/** A local limit delayed or refused a call. */
export interface RateLimitedEvent {
  readonly provider: string;
  readonly model?: string;
  readonly scope: 'provider' | 'model';
  readonly limit: RateLimitName;
  readonly waitMs: number;
  readonly rejected: boolean;
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
      if (!(error instanceof ConcurrencyRefusal))
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
