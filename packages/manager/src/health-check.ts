import {
  HEALTH_CHECK_TIMEOUT_MS,
  LLMError,
  LLMErrorType,
  type Clock,
  type DeploymentHealthReport,
  type ProviderHealth,
  type TimerHandle,
} from '@llm/core';
import type { ManagerCallOptions } from './call-session';
import { deploymentId, deploymentsOf, type DeploymentHealthMonitor } from './deployment-health';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';

export interface HealthCheckOptions {
  /**
   * Also make a one-token chat call to the provider's first chat model: a provider whose model
   * list answers while its chat calls hang is not healthy. The call is recorded like any other,
   * tagged `purpose: health-check`.
   */
  readonly deep?: boolean;
}

interface Probe {
  healthy: boolean;
  latency_ms: number;
  error?: string;
}

/** What went wrong, as a person reads it: the message and, for our errors, the type. */
function describeFailure(error: unknown): string {
  if (LLMError.is(error)) return `${error.message} (${error.type})`;
  return error instanceof Error ? error.message : String(error);
}

/** Runs `check` against the health timeout, measuring the time it really took on `clock`. */
export async function probe(
  clock: Clock,
  check: (signal: AbortSignal) => Promise<unknown>,
): Promise<Probe> {
  const started = clock.now();
  const controller = new AbortController();
  let timer: TimerHandle | undefined;
  const timedOut = new LLMError({
    type: LLMErrorType.TIMEOUT_ERROR,
    message: `no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`,
  });
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimer(() => {
      controller.abort(timedOut);
      reject(timedOut);
    }, HEALTH_CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(controller.signal), timeout]);
    return { healthy: true, latency_ms: clock.now() - started };
  } catch (error) {
    const reason = controller.signal.aborted ? controller.signal.reason : error;
    const described = reason === timedOut ? timedOut.message : describeFailure(reason);
    return { healthy: false, latency_ms: clock.now() - started, error: described };
  } finally {
    timer?.cancel();
  }
}

/** The deployment's own breaker state (the provider's when breakers are per provider). */
export function deploymentCircuitState(entry: ProviderEntry, model: string): string {
  return entry.pipeline.breakerState(model).state;
}

/** The worst state among the provider's breakers (one per model when `per_model` is on). */
function circuitState(entry: ProviderEntry): 'closed' | 'open' | 'half_open' {
  const states = new Set(entry.pipeline.breakerStates().map((breaker) => breaker.state));
  return (['open', 'half_open'] as const).find((state) => states.has(state)) ?? 'closed';
}

/**
 * One provider's health: it lists its models within the health timeout and, with `deep`, answers
 * a one-token chat call. Latency is the time the check really took; a failure keeps its reason.
 */
export async function checkProviderHealth(
  name: string,
  entry: ProviderEntry,
  clock: Clock,
  chat: (options: ManagerCallOptions & { model: string }) => Promise<unknown>,
  options: HealthCheckOptions = {},
): Promise<ProviderHealth> {
  const models = await probe(clock, (signal) => entry.provider.listModels({ signal }));
  const health: ProviderHealth = { ...models, circuit_state: circuitState(entry) };
  if (!options.deep) return health;
  const model = entry.provider.config.models.find((candidate) => candidate.mode !== 'embedding');
  const deep = model
    ? await probe(clock, (signal) => chat({ model: model.name, signal }))
    : {
        healthy: false,
        latency_ms: 0,
        error: `no chat model to call: list one under [llm.providers.${name}.models]`,
      };
  return {
    ...health,
    healthy: health.healthy && deep.healthy,
    chat: { ...deep, ...(model && { model: model.name }) },
  };
}

/**
 * Every deployment's health from its provider's check: healthy when the provider answered and the
 * deployment's circuit is not open, with the last failure a call or a check saw on it. The result
 * feeds the router through `monitor` (a deployment whose check failed is skipped while another is
 * available).
 */
export function reportDeployments(
  snapshot: ManagerSnapshot,
  providers: Readonly<Record<string, ProviderHealth>>,
  monitor: DeploymentHealthMonitor | undefined,
  now: number,
): Record<string, DeploymentHealthReport> {
  const report: Record<string, DeploymentHealthReport> = {};
  for (const { provider, model } of deploymentsOf(
    snapshot.config,
    new Set(snapshot.providers.keys()),
  )) {
    const entry = snapshot.providers.get(provider)!;
    const checked = providers[provider];
    if (!checked) continue;
    const circuit = deploymentCircuitState(entry, model);
    const healthy = checked.healthy && circuit !== 'open';
    const error = checked.healthy
      ? circuit === 'open'
        ? 'the circuit is open'
        : undefined
      : checked.error;
    monitor?.recordCheck(provider, model, {
      healthy,
      latency_ms: checked.latency_ms ?? 0,
      ...(error === undefined ? {} : { error }),
      at: now,
    });
    const failure = monitor?.lastFailure(provider, model);
    report[deploymentId(provider, model)] = {
      provider,
      model,
      healthy,
      ...(checked.latency_ms === undefined ? {} : { latency_ms: checked.latency_ms }),
      circuit_state: circuit,
      ...(error === undefined ? {} : { error }),
      ...(failure ? { last_error: failure.error, last_error_at: failure.at } : {}),
    };
  }
  return report;
}
