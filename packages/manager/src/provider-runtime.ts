import {
  LLMErrorType,
  type Clock,
  type ILLMProvider,
  type LLMProviderConfig,
  type Logger,
  type ProviderRegistry,
} from '@llm/core';
import type { LLMConfig } from '@llm/config';
import { resolveResilienceSettings } from '@llm/config/internal';
import {
  createResiliencePipeline,
  type CircuitBreakerRegistry,
  type ResiliencePipeline,
} from '@llm/retry';
import { resolveProviderFactory } from './resolve-provider-factory';
import type { ModelFacts } from './request-checks';

/** One built provider with the policies that guard its calls. */
export interface ProviderEntry {
  readonly provider: ILLMProvider;
  readonly pipeline: ResiliencePipeline;
  /** The config snapshot it was built from (compared on reload). */
  readonly fingerprint: string;
  /** What the request checks learned of each model this deployment was asked for (`learnModelFacts`). */
  readonly models: Map<string, ModelFacts>;
}

export interface RuntimeDependencies {
  registry: ProviderRegistry;
  breakers: CircuitBreakerRegistry;
  clock: Clock;
  logger: Logger;
  random?: () => number;
}

/** What decides how a provider and its pipeline are built: change any of it and they are rebuilt. */
function fingerprintOf(provider: LLMProviderConfig, config: LLMConfig): string {
  return JSON.stringify([
    provider,
    config.retry,
    config.circuit_breaker,
    config.rate_limit,
    config.timeouts,
  ]);
}

/**
 * What one deployment retries when the user did not say: 429s, 5xx and network failures. A
 * timeout is not retried on the same deployment (a silent provider stays silent): the router moves
 * the call on at once. Content filters, context length and invalid requests are never retried.
 */
const DEPLOYMENT_RETRYABLE_ERRORS: LLMErrorType[] = [
  LLMErrorType.NETWORK_ERROR,
  LLMErrorType.RATE_LIMIT_ERROR,
  LLMErrorType.SERVER_ERROR,
];

function pipelineFor(
  provider: LLMProviderConfig,
  config: LLMConfig,
  dependencies: RuntimeDependencies,
): ResiliencePipeline {
  const settings = resolveResilienceSettings(config, provider.name);
  return createResiliencePipeline({
    providerName: provider.name,
    ...settings,
    retry: { retryable_errors: DEPLOYMENT_RETRYABLE_ERRORS, ...settings.retry },
    breakers: dependencies.breakers,
    clock: dependencies.clock,
    random: dependencies.random,
  });
}

/**
 * A provider with `api_keys` and no `api_key` is built with its first key as its own: the router
 * hands each attempt one of the keys, and calls outside routing (listing models) use the first.
 */
function withDefaultKey(config: LLMProviderConfig): LLMProviderConfig {
  const first = config.api_keys?.[0];
  return config.api_key === undefined && first !== undefined
    ? { ...config, api_key: first }
    : config;
}

/**
 * Builds the enabled providers of a config. Entries whose config did not change are reused from
 * `previous`, so a reload keeps their connections, limiter state and in-flight calls.
 */
export async function buildProviderEntries(
  config: LLMConfig,
  dependencies: RuntimeDependencies,
  previous?: ReadonlyMap<string, ProviderEntry>,
): Promise<Map<string, ProviderEntry>> {
  const entries = new Map<string, ProviderEntry>();
  const starting: Promise<void>[] = [];
  for (const providerConfig of config.providers) {
    if (!providerConfig.enabled) continue;
    const fingerprint = fingerprintOf(providerConfig, config);
    const reusable = previous?.get(providerConfig.name);
    if (reusable && reusable.fingerprint === fingerprint) {
      entries.set(providerConfig.name, reusable);
      continue;
    }
    const factory = await resolveProviderFactory(providerConfig, dependencies.registry);
    const provider = factory.create(withDefaultKey(providerConfig), {
      logger: dependencies.logger,
    });
    // Checked now (base URL, key, SDK installed); the SDK itself loads with the provider's first
    // call, so start-up never waits for an SDK and a process loads only the SDKs it calls.
    starting.push(provider.initialize({ lazy: true }));
    entries.set(providerConfig.name, {
      provider,
      pipeline: pipelineFor(providerConfig, config, dependencies),
      fingerprint,
      models: new Map(),
    });
  }
  // Providers are checked together; a failure is reported as the first failing provider in config
  // order, as when they started one by one.
  const started = await Promise.allSettled(starting);
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return entries;
}
