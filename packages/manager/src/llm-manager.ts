import { EventEmitter } from 'node:events';
import {
  HEALTH_CHECK_TIMEOUT_MS,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type HealthStatus,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type LLMTool,
  type LLMToolResponse,
  type ModelInfo,
  type ProviderHealth,
  type ProviderInfo,
  type UsageFilter,
  type UsageSummary,
} from '@llm/core';
import type { LLMConfig, LLMConfigManager } from '@llm/config';
import type { UsageTracker } from '@llm/usage';
import type { ManagerCallOptions } from './call-session';
import type { ManagerEvents } from './manager-events';
import type { ManagerState } from './manager-state';
import { runChat } from './run-chat';
import { runEmbed } from './run-embed';
import { runStream } from './run-stream';

/** The one entry point (seed 001 LLMManager). Create it with `createLLMManager()`. */
export class LLMManager extends EventEmitter<ManagerEvents> {
  constructor(
    private readonly state: ManagerState,
    /** The live configuration: add, update or remove providers at runtime through it. */
    readonly configManager: LLMConfigManager,
    private readonly tracker: UsageTracker | undefined,
    private readonly shutdown: () => Promise<void>,
  ) {
    super();
  }

  /** The configuration snapshot new calls use. */
  get config(): LLMConfig {
    return this.state.config();
  }

  /** The usage ledger, for queries and exports; undefined when usage tracking is off. */
  get usage(): UsageTracker | undefined {
    return this.tracker;
  }

  chatCompletion(request: LLMRequest, options?: ManagerCallOptions): Promise<LLMResponse> {
    return runChat(this.state, request, options);
  }

  streamCompletion(
    request: LLMRequest,
    options?: ManagerCallOptions,
  ): AsyncIterable<LLMStreamChunk> {
    return runStream(this.state, request, options);
  }

  embed(request: EmbeddingRequest, options?: ManagerCallOptions): Promise<EmbeddingResponse> {
    return runEmbed(this.state, request, options);
  }

  /** A chat call offering `tools`; `tool_calls` is always an array (empty when the model answered in text). */
  async callWithTools(
    request: LLMRequest,
    tools: LLMTool[],
    options?: ManagerCallOptions,
  ): Promise<LLMToolResponse> {
    const response = await this.chatCompletion(
      { ...request, tools: [...(request.tools ?? []), ...tools] },
      options,
    );
    return { ...response, tool_calls: response.tool_calls ?? [] };
  }

  /** A chat call with image parts; refused before any network call when the model is configured without vision. */
  visionCompletion(request: LLMRequest, options?: ManagerCallOptions): Promise<LLMResponse> {
    return this.chatCompletion(request, options);
  }

  getProviderInfo(): ProviderInfo[] {
    const config = this.state.config();
    return config.providers.map((provider) => ({
      name: provider.name,
      type: provider.type,
      enabled: provider.enabled,
      is_default: provider.name === config.default_provider,
      models: provider.models.map((model) => model.name),
      base_url: provider.base_url ?? provider.endpoint,
    }));
  }

  async listModels(providerName?: string): Promise<Record<string, ModelInfo[]>> {
    const result: Record<string, ModelInfo[]> = {};
    for (const [name, entry] of this.state.entries()) {
      if (providerName === undefined || providerName === name)
        result[name] = await entry.provider.listModels();
    }
    return result;
  }

  async getUsageSummary(filter?: UsageFilter): Promise<UsageSummary[]> {
    return this.tracker ? this.tracker.getUsageSummary(filter) : [];
  }

  /** Asks every enabled provider for a cheap call, in parallel, and reads its circuit state. */
  async healthCheck(): Promise<HealthStatus> {
    const checks = [...this.state.entries()].map(
      async ([name, entry]): Promise<[string, ProviderHealth]> => {
        const started = this.state.clock.now();
        // The worst state among the provider's breakers (one per model when `per_model` is on).
        const states = new Set(entry.pipeline.breakerStates().map((breaker) => breaker.state));
        const circuit_state =
          (['open', 'half_open'] as const).find((state) => states.has(state)) ?? 'closed';
        try {
          const healthy = await Promise.race([
            entry.provider.isHealthy(),
            new Promise<boolean>((resolve) =>
              this.state.clock.setTimer(() => resolve(false), HEALTH_CHECK_TIMEOUT_MS),
            ),
          ]);
          return [name, { healthy, latency_ms: this.state.clock.now() - started, circuit_state }];
        } catch (error) {
          return [
            name,
            {
              healthy: false,
              error: error instanceof Error ? error.message : String(error),
              circuit_state,
            },
          ];
        }
      },
    );
    const providers = Object.fromEntries(await Promise.all(checks));
    const values = Object.values(providers);
    return {
      healthy: values.length > 0 && values.every((health) => health.healthy),
      timestamp: this.state.clock.now(),
      providers,
    };
  }

  /** Flushes the ledger, stops watching the config and releases the providers. */
  async close(): Promise<void> {
    await this.shutdown();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
