import type { Clock, TimerHandle } from '@llm/core';
import type { LLMConfig } from '@llm/config';

/** The last health check of one deployment. */
export interface DeploymentCheck {
  readonly healthy: boolean;
  readonly latency_ms: number;
  readonly error?: string;
  readonly at: number;
}

/** The last failure a call or a check saw on one deployment. */
export interface DeploymentFailure {
  readonly error: string;
  readonly at: number;
}

/** `provider/model`, the id the router and the health report use. */
export function deploymentId(provider: string, model: string): string {
  return `${provider}/${model}`;
}

/**
 * Every deployment of a config: each enabled provider's listed models, and each logical model's
 * deployments (a provider that lists no model serves whatever its deployments name).
 */
export function deploymentsOf(
  config: LLMConfig,
  enabled: ReadonlySet<string>,
): { provider: string; model: string }[] {
  const seen = new Map<string, { provider: string; model: string }>();
  const add = (provider: string, model: string) => {
    if (enabled.has(provider)) seen.set(deploymentId(provider, model), { provider, model });
  };
  for (const provider of config.providers)
    for (const model of provider.models) add(provider.name, model.name);
  for (const logical of config.models ?? [])
    for (const deployment of logical.deployments) add(deployment.provider, deployment.model);
  return [...seen.values()];
}

/**
 * What the manager knows of each deployment's health, for the life of the manager (reloads keep
 * it): the last background check and the last failure. With `health_check_interval` it runs the
 * checks itself on the injected clock, one round at a time; the router skips a deployment whose
 * last check failed while another is available.
 */
export class DeploymentHealthMonitor {
  readonly #checks = new Map<string, DeploymentCheck>();
  readonly #failures = new Map<string, DeploymentFailure>();
  #timer: TimerHandle | undefined;
  #intervalMs: number | undefined;
  #stopped = false;

  constructor(
    private readonly clock: Clock,
    /** One round of checks: every deployment of the current config. */
    private readonly round: () => Promise<void>,
  ) {}

  recordCheck(provider: string, model: string, check: DeploymentCheck): void {
    this.#checks.set(deploymentId(provider, model), check);
    if (!check.healthy && check.error) this.recordFailure(provider, model, check.error, check.at);
  }

  recordFailure(provider: string, model: string, error: string, at: number): void {
    this.#failures.set(deploymentId(provider, model), { error, at });
  }

  lastCheck(provider: string, model: string): DeploymentCheck | undefined {
    return this.#checks.get(deploymentId(provider, model));
  }

  lastFailure(provider: string, model: string): DeploymentFailure | undefined {
    return this.#failures.get(deploymentId(provider, model));
  }

  /** Whether the deployment failed its last background check. */
  failedLastCheck(provider: string, model: string): boolean {
    return this.#checks.get(deploymentId(provider, model))?.healthy === false;
  }

  /** Runs the checks every `intervalMs` (undefined: no background checks); the same interval changes nothing. */
  configure(intervalMs: number | undefined): void {
    if (this.#stopped || intervalMs === this.#intervalMs) return;
    this.#intervalMs = intervalMs;
    this.#timer?.cancel();
    this.#timer = undefined;
    if (intervalMs !== undefined) this.#schedule(intervalMs);
  }

  /** Stops the background checks for good (the manager closes). */
  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #schedule(intervalMs: number): void {
    this.#timer = this.clock.setTimer(() => {
      this.#timer = undefined;
      // The next round is scheduled once this one is done: rounds never overlap.
      void this.round()
        .catch(() => {})
        .then(() => {
          if (!this.#stopped && this.#intervalMs === intervalMs && !this.#timer)
            this.#schedule(intervalMs);
        });
    }, intervalMs);
  }
}
