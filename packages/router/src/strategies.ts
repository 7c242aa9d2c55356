import type { Candidate } from './resolve-candidates';
import type { RoutingStrategyName } from './routing-schemas';

/** What the strategies read about each deployment (see `createDeploymentStats`). */
export interface DeploymentStatsView {
  /** EWMA of whole-call latency in ms, undefined before the first success. */
  latencyMs(candidate: Candidate): number | undefined;
  /** EWMA of time to first chunk of streams in ms, undefined before the first stream. */
  firstChunkMs(candidate: Candidate): number | undefined;
  /** Attempts started and not yet finished. */
  inFlight(candidate: Candidate): number;
}

/** What one ordering decision knows about the call. */
export interface OrderContext {
  readonly stats: DeploymentStatsView;
  readonly stream?: boolean;
  /** Prompt plus expected output tokens, for `cheapest`. */
  readonly estimatedTokens?: number;
}

/** A strategy: a small value that orders the candidates of one group, best first. */
export interface RoutingStrategy {
  readonly name: RoutingStrategyName;
  order(candidates: readonly Candidate[], context: OrderContext, random: () => number): Candidate[];
}

/** The price of sending `estimatedTokens` to a deployment, undefined when unknown. */
export type PriceFunction = (deployment: Candidate, estimatedTokens: number) => number | undefined;
/** Remaining rate-limit headroom of a deployment (e.g. requests left), undefined when unknown. */
export type HeadroomFunction = (deployment: Candidate) => number | undefined;

export interface StrategyOptions {
  /** Required by `cheapest`: unknown prices go last. */
  readonly price?: PriceFunction;
  /** Required by `usage_based`: unknown headroom goes last. */
  readonly headroom?: HeadroomFunction;
}

/** Sorts by a key, ascending; candidates without a key keep their order after those with one. */
function byKey(
  candidates: readonly Candidate[],
  key: (candidate: Candidate) => number | undefined,
  unknownFirst = false,
): Candidate[] {
  const keyed = candidates.map((candidate, position) => ({
    candidate,
    position,
    key: key(candidate),
  }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      if (a.key === b.key) return a.position - b.position;
      return (a.key === undefined) === unknownFirst ? -1 : 1;
    }
    return a.key - b.key || a.position - b.position;
  });
  return keyed.map(({ candidate }) => candidate);
}

function shuffle(candidates: readonly Candidate[], random: () => number): Candidate[] {
  const result = [...candidates];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** Weighted sampling without replacement: each place is drawn in proportion to the weights left. */
function weightedOrder(candidates: readonly Candidate[], random: () => number): Candidate[] {
  const left = [...candidates];
  const result: Candidate[] = [];
  while (left.length > 1) {
    let total = 0;
    for (const candidate of left) total += candidate.weight ?? 1;
    let point = random() * total;
    let chosen = left.length - 1;
    for (let i = 0; i < left.length; i++) {
      point -= left[i]!.weight ?? 1;
      if (point < 0) {
        chosen = i;
        break;
      }
    }
    result.push(left.splice(chosen, 1)[0]!);
  }
  return [...result, ...left];
}

/**
 * The strategy called `name`. `round_robin` keeps its turn per set of candidates inside the
 * returned value, so make one per router, not one per call.
 */
export function createStrategy(
  name: RoutingStrategyName,
  options: StrategyOptions = {},
): RoutingStrategy {
  switch (name) {
    case 'priority':
      return { name, order: (candidates) => [...candidates] };
    case 'round_robin': {
      const turns = new Map<string, number>();
      return {
        name,
        order(candidates) {
          const key = candidates.map((candidate) => candidate.id).join('\n');
          const turn = turns.get(key) ?? 0;
          turns.set(key, (turn + 1) % Math.max(1, candidates.length));
          return [...candidates.slice(turn), ...candidates.slice(0, turn)];
        },
      };
    }
    case 'weighted':
      return { name, order: (candidates, _context, random) => weightedOrder(candidates, random) };
    case 'random':
      return { name, order: (candidates, _context, random) => shuffle(candidates, random) };
    case 'least_latency':
      // Unmeasured deployments go first, so every deployment gets measured once.
      return {
        name,
        order: (candidates, { stats, stream }) =>
          byKey(
            candidates,
            (candidate) =>
              (stream ? stats.firstChunkMs(candidate) : undefined) ?? stats.latencyMs(candidate),
            true,
          ),
      };
    case 'least_busy':
      return {
        name,
        order: (candidates, { stats }) => byKey(candidates, (c) => stats.inFlight(c)),
      };
    case 'cheapest': {
      const price = options.price ?? (() => undefined);
      return {
        name,
        order: (candidates, { estimatedTokens }) =>
          byKey(candidates, (candidate) => price(candidate, estimatedTokens ?? 0)),
      };
    }
    case 'usage_based': {
      const headroom = options.headroom ?? (() => undefined);
      return {
        name,
        order: (candidates) =>
          byKey(candidates, (candidate) => {
            const left = headroom(candidate);
            return left === undefined ? undefined : -left;
          }),
      };
    }
  }
}

/** Records latency (EWMA) and in-flight counts per deployment; the view strategies read. */
export interface DeploymentStats extends DeploymentStatsView {
  started(candidate: Candidate): void;
  /** `latencyMs` is recorded only for successes; every call ends the in-flight count. */
  finished(candidate: Candidate, result: { latencyMs?: number; firstChunkMs?: number }): void;
}

/** `alpha` is the weight of the newest sample (default 0.3). */
export function createDeploymentStats(options: { alpha?: number } = {}): DeploymentStats {
  const alpha = options.alpha ?? 0.3;
  const latency = new Map<string, number>();
  const firstChunk = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const blend = (map: Map<string, number>, id: string, sample: number | undefined) => {
    if (sample === undefined) return;
    const previous = map.get(id);
    map.set(id, previous === undefined ? sample : previous + alpha * (sample - previous));
  };
  return {
    latencyMs: (candidate) => latency.get(candidate.id),
    firstChunkMs: (candidate) => firstChunk.get(candidate.id),
    inFlight: (candidate) => inFlight.get(candidate.id) ?? 0,
    started(candidate) {
      inFlight.set(candidate.id, (inFlight.get(candidate.id) ?? 0) + 1);
    },
    finished(candidate, result) {
      inFlight.set(candidate.id, Math.max(0, (inFlight.get(candidate.id) ?? 0) - 1));
      blend(latency, candidate.id, result.latencyMs);
      blend(firstChunk, candidate.id, result.firstChunkMs);
    },
  };
}
