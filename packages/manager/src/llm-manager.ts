import { EventEmitter } from 'node:events';
import {
  toLLMError,
  type LLMError,
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
import type { CallServices } from './call-session';
import {
  observedChat,
  observedEmbed,
  type CallObserverServices,
  type ManagerCallOptions,
} from './cached-call';
import { observedStream } from './cached-stream';
import { runEmbed } from './run-embed';
import { runChat } from './routed-attempts';
import { runStream } from './run-stream';
import type {
  Conversation,
  ConversationOptions,
  ConversationSnapshot,
  GenerateObjectRequest,
  GenerateObjectResult,
  ObjectStreamChunk,
  ToolDefinition,
  ToolLoopResult,
  ToolManager,
  ToolStreamChunk,
  VisionRequest,
} from '@llm/tools';
import {
  callWithTools,
  conversationWith,
  generateObjectWith,
  streamObjectWith,
  streamWithTools,
  visionCompletion,
  type AgentManagerCallOptions,
  type ToolCallOptions,
} from './agent-calls';
import type { DeploymentHealthMonitor } from './deployment-health';
import { checkProviderHealth, reportDeployments, type HealthCheckOptions } from './health-check';
import type { ManagerEvents } from './manager-events';
import type { CurrentSnapshot, ManagerSnapshot } from './manager-snapshot';

/** A provider's entry in `listModels()` when it could not list its models. */
export interface ModelListFailure {
  readonly error: LLMError;
}

/** What `createLLMManager()` hands the manager it builds. */
export interface LLMManagerParts {
  /** The snapshot new calls start from; swapped by the config watcher on reload. */
  readonly snapshots: CurrentSnapshot;
  /** What every call uses; the manager adds itself as the sink of their events. */
  readonly services: Omit<CallServices, 'events'>;
  /** The response cache and the call events around every call (cached-call.ts). */
  readonly observer: (manager: LLMManager) => CallObserverServices;
  readonly configManager: LLMConfigManager;
  readonly tracker: UsageTracker | undefined;
  /** Each deployment's last check and failure; feeds the router and `healthCheck()`. */
  readonly health?: DeploymentHealthMonitor;
  readonly shutdown: () => Promise<void>;
}

/**
 * The one entry point (LLMManager). Create it with `createLLMManager()`. Every method reads the
 * current snapshot once and works on it, so a reload never changes a call half-way.
 */
export class LLMManager extends EventEmitter<ManagerEvents> {
  /** The live configuration: add, update or remove providers at runtime through it. */
  readonly configManager: LLMConfigManager;
  readonly #parts: LLMManagerParts;
  /** Read as a field on every call (see `CurrentSnapshot`). */
  readonly #snapshots: CurrentSnapshot;
  /** The call services with this manager as the sink of the calls' events. */
  readonly #services: CallServices;
  readonly #observer: CallObserverServices;

  constructor(parts: LLMManagerParts) {
    super();
    this.#parts = parts;
    this.#snapshots = parts.snapshots;
    this.#services = { ...parts.services, events: this };
    this.configManager = parts.configManager;
    this.#observer = parts.observer(this);
  }

  /** The configuration new calls use. */
  get config(): LLMConfig {
    return this.#snapshots.current.config;
  }

  /** The usage ledger, for queries and exports; undefined when usage tracking is off. */
  get usage(): UsageTracker | undefined {
    return this.#parts.tracker;
  }

  /**
   * Whether the response cache and the call log have nothing to do for a call: it then goes
   * straight to the attempt loop, without entering `cached-call.ts`. The cache is wanted when the
   * call sets `cache` or `[llm.cache] enabled`; the call log when `log_content` is on with a ledger.
   */
  #direct(snapshot: ManagerSnapshot, options: ManagerCallOptions | undefined): boolean {
    const { config } = snapshot;
    return (
      options?.cache === undefined &&
      config.cache?.enabled !== true &&
      (this.#parts.tracker === undefined || config.logging?.log_content !== true)
    );
  }

  chatCompletion(request: LLMRequest, options?: ManagerCallOptions): Promise<LLMResponse> {
    const snapshot = this.#snapshots.current;
    if (this.#direct(snapshot, options)) return runChat(this.#services, snapshot, request, options);
    return observedChat(this.#observer, request, options, (checked, callOptions) =>
      runChat(this.#services, snapshot, checked, callOptions),
    );
  }

  streamCompletion(
    request: LLMRequest,
    options?: ManagerCallOptions,
  ): AsyncIterable<LLMStreamChunk> {
    const snapshot = this.#snapshots.current;
    if (this.#direct(snapshot, options)) {
      const services = this.#services;
      // Started on first use, as a generator would be: nothing is sent before the caller reads.
      return {
        [Symbol.asyncIterator]: () =>
          runStream(services, snapshot, request, options)[Symbol.asyncIterator](),
      };
    }
    return observedStream(this.#observer, request, options, (checked, callOptions) =>
      runStream(this.#services, snapshot, checked, callOptions),
    );
  }

  embed(request: EmbeddingRequest, options?: ManagerCallOptions): Promise<EmbeddingResponse> {
    const snapshot = this.#snapshots.current;
    if (this.#direct(snapshot, options))
      return runEmbed(this.#services, snapshot, request, options);
    return observedEmbed(this.#observer, request, options, (checked, callOptions) =>
      runEmbed(this.#services, snapshot, checked, callOptions),
    );
  }

  /**
   * With `LLMTool`s: one chat call offering them; `tool_calls` is always an array. With a
   * `ToolManager` or tool definitions: the tool loop (see `@llm/tools`), every step recorded under
   * one `call_id`, usage and cost summed exactly.
   */
  callWithTools(
    request: LLMRequest,
    tools: readonly LLMTool[],
    options?: ManagerCallOptions,
  ): Promise<LLMToolResponse>;
  callWithTools(
    request: LLMRequest,
    tools: ToolManager | readonly ToolDefinition[],
    options?: ToolCallOptions,
  ): Promise<ToolLoopResult>;
  callWithTools(
    request: LLMRequest,
    tools: ToolManager | readonly ToolDefinition[] | readonly LLMTool[],
    options?: ToolCallOptions,
  ): Promise<LLMToolResponse | ToolLoopResult> {
    return callWithTools(this, () => this.#snapshots.current, request, tools, options);
  }

  /** The tool loop streamed: the model's chunks, `tool-result` and `step-finish` chunks, one final `finish`. */
  streamWithTools(
    request: LLMRequest,
    tools: ToolManager | readonly ToolDefinition[],
    options?: ToolCallOptions,
  ): AsyncIterable<ToolStreamChunk> {
    return streamWithTools(this, () => this.#snapshots.current, request, tools, options);
  }

  /** One object of a zod (or JSON) schema: native JSON-schema output or a forced tool call, validated, repaired once. */
  generateObject<Value>(
    request: GenerateObjectRequest<Value>,
    options?: AgentManagerCallOptions,
  ): Promise<GenerateObjectResult<Value>> {
    return generateObjectWith(this, () => this.#snapshots.current, request, options);
  }

  /** One object of a schema, streamed as partial objects, then the validated one. */
  streamObject<Value>(
    request: GenerateObjectRequest<Value>,
    options?: AgentManagerCallOptions,
  ): AsyncIterable<ObjectStreamChunk<Value>> {
    return streamObjectWith(this, () => this.#snapshots.current, request, options);
  }

  /**
   * A question about images (paths, URLs, Buffers or data URIs, media types detected), or a ready
   * request with image parts; refused before any network call when the model takes no images.
   */
  visionCompletion(
    request: VisionRequest | LLMRequest,
    options?: ManagerCallOptions,
  ): Promise<LLMResponse> {
    return visionCompletion(this, request, options);
  }

  /** A conversation with memory fitted to the model's window, or one restored from its `toJSON()`. */
  conversation(
    from: ConversationOptions | ConversationSnapshot,
    extra?: Pick<ConversationOptions, 'tools' | 'toolLoop'>,
  ): Conversation {
    return conversationWith(this, () => this.#snapshots.current, from, extra);
  }

  getProviderInfo(): ProviderInfo[] {
    const config = this.#snapshots.current.config;
    return config.providers.map((provider) => ({
      name: provider.name,
      type: provider.type,
      enabled: provider.enabled,
      is_default: provider.name === config.default_provider,
      models: provider.models.map((model) => model.name),
      base_url: provider.base_url ?? provider.endpoint,
    }));
  }

  /**
   * The models of one provider (rejects when it cannot list them), or of every enabled provider:
   * then a provider that fails gets a `{ error }` entry and the others are still listed.
   */
  listModels(providerName: string): Promise<Record<string, ModelInfo[]>>;
  listModels(): Promise<Record<string, ModelInfo[] | ModelListFailure>>;
  async listModels(providerName?: string): Promise<Record<string, ModelInfo[] | ModelListFailure>> {
    const entries = [...this.#snapshots.current.providers];
    if (providerName !== undefined) {
      const named = entries.find(([name]) => name === providerName);
      return named ? { [providerName]: await named[1].provider.listModels() } : {};
    }
    const lists = await Promise.all(
      entries.map(async ([name, entry]) => {
        try {
          return [name, await entry.provider.listModels()] as const;
        } catch (error) {
          return [name, { error: toLLMError(error, name) }] as const;
        }
      }),
    );
    return Object.fromEntries(lists);
  }

  async getUsageSummary(filter?: UsageFilter): Promise<UsageSummary[]> {
    const tracker = this.#parts.tracker;
    return tracker ? tracker.getUsageSummary(filter) : [];
  }

  /**
   * Checks every enabled provider in parallel: it lists its models within the health timeout
   * (with `deep`, it also answers a one-token chat call), with the time each check really took,
   * the reason of a failure, and the provider's circuit state; then every deployment (provider +
   * model) with its own circuit state and last error. The result feeds the router.
   */
  async healthCheck(options: HealthCheckOptions = {}): Promise<HealthStatus> {
    const { clock } = this.#services;
    const snapshot = this.#snapshots.current;
    const checks = [...snapshot.providers].map(
      async ([name, entry]): Promise<[string, ProviderHealth]> => [
        name,
        await checkProviderHealth(
          name,
          entry,
          clock,
          ({ model, ...callOptions }) =>
            this.chatCompletion(
              {
                provider: name,
                model,
                max_tokens: 1,
                messages: [{ role: 'user', content: 'ping' }],
              },
              { ...callOptions, tags: { purpose: 'health-check' }, cache: false },
            ),
          options,
        ),
      ],
    );
    const providers = Object.fromEntries(await Promise.all(checks));
    const values = Object.values(providers);
    return {
      healthy: values.length > 0 && values.every((health) => health.healthy),
      timestamp: clock.now(),
      providers,
      deployments: reportDeployments(snapshot, providers, this.#parts.health, clock.now()),
    };
  }

  /** Flushes the ledger, stops watching the config and releases the providers. */
  async close(): Promise<void> {
    await this.#parts.shutdown();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
