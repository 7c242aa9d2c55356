import { findModelConfig, LLMError, LLMErrorType, type Clock } from '@llm/core';
import type { LLMConfig } from '@llm/config';
import {
  createKeyPool,
  createRouter,
  ROUTING_DEFAULTS,
  type KeyPool,
  type Router,
  type RoutingProvider,
} from '@llm/router';
import type { DeploymentHealthMonitor } from './deployment-health';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';

/**
 * A call that needs a provider the configuration turned off because a secret it needs names an
 * unset variable: an `auth` error with the reason (the variable and the key).
 */
function disabledProviderError(name: string, reason: string, model: string): LLMError {
  return new LLMError({
    type: LLMErrorType.AUTHENTICATION_ERROR,
    message: `Provider "${name}" is disabled: ${reason}; set it to call this provider`,
    providerName: name,
    model,
    retryable: false,
    details: { reason: 'provider_disabled' },
  });
}

/**
 * Which provider serves a request: the one it names, else the default provider when it lists the
 * model (or lists none), else the first enabled provider that lists the model, else the default
 * provider, which without `default_provider` is the first enabled one (the config's documented default). Within a provider the model is looked up by `findModelConfig`:
 * the exact name first, then `model_id`. The entry is held for the whole call; reloads don't move it.
 * A call that would need a provider turned off for a missing secret (it names it, only it lists the
 * model, or it is the default provider) fails with that reason; every other call is unaffected.
 */
export function selectProvider(
  snapshot: ManagerSnapshot,
  request: { model: string; provider?: string },
): ProviderEntry {
  const { providers } = snapshot;
  const disabled = snapshot.config.disabled_providers ?? {};
  if (request.provider) {
    const named = providers.get(request.provider);
    if (named) return named;
    const reason = disabled[request.provider];
    if (reason) throw disabledProviderError(request.provider, reason, request.model);
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `Provider "${request.provider}" is not configured or not enabled (available: ${[...providers.keys()].join(', ') || 'none'})`,
      providerName: request.provider,
      model: request.model,
      retryable: false,
    });
  }
  const lists = (entry: ProviderEntry) =>
    findModelConfig(entry.provider.config, request.model) !== undefined;
  const defaultName = snapshot.config.default_provider;
  const fallback = defaultName ? providers.get(defaultName) : undefined;
  if (fallback && (fallback.provider.config.models.length === 0 || lists(fallback)))
    return fallback;
  for (const entry of providers.values()) if (lists(entry)) return entry;
  const needed =
    snapshot.config.providers.find(
      (provider) =>
        disabled[provider.name] !== undefined && findModelConfig(provider, request.model),
    )?.name ?? (defaultName && disabled[defaultName] !== undefined ? defaultName : undefined);
  if (needed) throw disabledProviderError(needed, disabled[needed]!, request.model);
  if (fallback) return fallback;
  const first = snapshot.config.providers.find((provider) => providers.has(provider.name));
  if (first) return providers.get(first.name)!;
  throw new LLMError({
    type: LLMErrorType.MODEL_NOT_FOUND,
    message: 'No provider is configured and enabled.',
    model: request.model,
    retryable: false,
  });
}

/**
 * The router of one snapshot: its catalog is the snapshot's logical models and providers (the
 * default provider first, then config order, so a plain model name goes first where a single
 * choice went before), and a deployment whose circuit is open is skipped while another is left.
 */
export function createSnapshotRouter(
  config: LLMConfig,
  providers: ReadonlyMap<string, ProviderEntry>,
  dependencies: {
    clock: Clock;
    random?: () => number;
    health?: DeploymentHealthMonitor;
    /** Benched API keys, kept across reloads. */
    benchedKeys?: Map<string, number>;
  },
): Router {
  const ordered = [...config.providers].sort(
    (a, b) =>
      Number(b.name === config.default_provider) - Number(a.name === config.default_provider),
  );
  const catalogProviders = ordered.map((provider): RoutingProvider => ({
    name: provider.name,
    enabled: providers.has(provider.name),
    models: provider.models,
  }));
  return createRouter({
    catalog: { logicalModels: config.models ?? [], providers: catalogProviders },
    settings: config.routing ?? {},
    clock: dependencies.clock,
    ...(dependencies.random ? { random: dependencies.random } : {}),
    keys: keyPoolOf(config, dependencies.clock, dependencies.benchedKeys),
    // Nothing but the router's strategies reads its stats.
    measure: 'compared',
    health: {
      status: (candidate) => {
        if (
          providers.get(candidate.provider)?.pipeline.breakerStateName(candidate.model) === 'open'
        )
          return 'circuit_open';
        return dependencies.health?.failedLastCheck(candidate.provider, candidate.model)
          ? 'unhealthy'
          : 'healthy';
      },
    },
  });
}

/**
 * The API keys of the providers that list several (`api_keys`), one pool per provider, each
 * benched for its provider's `key_cooldown`, else `[llm.routing] key_cooldown`. Undefined when no
 * provider has more than its one `api_key`.
 */
function keyPoolOf(
  config: LLMConfig,
  clock: Clock,
  benchedUntil: Map<string, number> | undefined,
): KeyPool | undefined {
  const keys: Record<string, readonly string[]> = {};
  const cooldowns: Record<string, number> = {};
  for (const provider of config.providers) {
    if (!provider.enabled || !provider.api_keys?.length) continue;
    keys[provider.name] = provider.api_keys;
    if (provider.key_cooldown !== undefined) cooldowns[provider.name] = provider.key_cooldown;
  }
  if (Object.keys(keys).length === 0) return undefined;
  return createKeyPool({
    keys,
    cooldowns,
    cooldownMs: config.routing?.key_cooldown ?? ROUTING_DEFAULTS.key_cooldown,
    clock,
    ...(benchedUntil ? { benchedUntil } : {}),
  });
}
