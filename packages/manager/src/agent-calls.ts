import {
  findModelConfig,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type LLMTool,
  type LLMToolResponse,
  type TokenUsage,
} from '@llm/core';
import { createRequire } from 'node:module';
import type * as ToolsModule from '@llm/tools';
import type {
  Conversation,
  ToolManager,
  AgentCallOptions,
  AgentModel,
  AgentModelFacts,
  ConversationOptions,
  ConversationSnapshot,
  GenerateObjectRequest,
  GenerateObjectResult,
  ObjectStreamChunk,
  ToolDefinition,
  ToolLoopOptions,
  ToolLoopResult,
  ToolStreamChunk,
  VisionRequest,
} from '@llm/tools';
import { Decimal } from '@llm/usage';
import type { ManagerCallOptions } from './call-session';
import { catalogModelDefaults } from './request-checks';
import type { ManagerSnapshot } from './manager-snapshot';
import { selectProvider } from './route-call';

type Tools = typeof ToolsModule;

// `@llm/tools` (Handlebars, ajv) loads on the first agent call, never with the manager.
let tools: Tools | undefined;
let loading: Promise<Tools> | undefined;

function loadTools(): Promise<Tools> {
  if (tools) return Promise.resolve(tools);
  loading ??= import('@llm/tools').then((module) => (tools ??= module));
  return loading;
}

/**
 * `@llm/tools` now, for `conversation()`, which answers synchronously: loaded through `require`
 * when no agent call loaded it before.
 */
function toolsNow(): Tools {
  tools ??= createRequire(import.meta.url)('@llm/tools') as Tools;
  return tools;
}

/**
 * Tools as the loaded `@llm/tools` takes them: a ToolManager of another copy of the package (an
 * ES module app's own, next to the copy `require` loaded) is passed as its definitions.
 */
function ownTools<Value extends ToolManager | readonly ToolDefinition[] | undefined>(
  module: Tools,
  given: Value,
): Value | ToolDefinition[] {
  if (given === undefined || Array.isArray(given) || given instanceof module.ToolManager)
    return given;
  return (given as unknown as ToolManager).list();
}

/** The manager's calls the toolbox runs on. */
export interface AgentCallTarget {
  chatCompletion(request: LLMRequest, options?: ManagerCallOptions): Promise<LLMResponse>;
  streamCompletion(
    request: LLMRequest,
    options?: ManagerCallOptions,
  ): AsyncIterable<LLMStreamChunk>;
}

/** Options of `callWithTools` / `streamWithTools`: the loop's and the manager's per-call ones. */
export type ToolCallOptions = ToolLoopOptions &
  Omit<ManagerCallOptions, 'signal' | 'tags' | 'callId' | 'requestId'>;

/** Options of `generateObject` / `streamObject` and conversations' calls. */
export type AgentManagerCallOptions = Omit<ManagerCallOptions, 'requestId'>;

/** Tools as one of today's `LLMTool`s (`{ type: 'function', function }`), which only a model call takes. */
function isLLMTool(tool: unknown): tool is LLMTool {
  return typeof tool === 'object' && tool !== null && 'function' in tool && !('name' in tool);
}

/** Provider types whose provider sends a JSON-schema `response_format` natively (OpenAI, Azure, Claude). */
const NATIVE_JSON_SCHEMA_TYPES: ReadonlySet<string> = new Set([
  'openai',
  'azure',
  'claude',
  'anthropic',
]);

/**
 * Usages summed exactly: token counts as integers, the cost from each usage's exact decimal (the
 * one its ledger record keeps: `cost_breakdown.total_decimal`, else the cost's own digits). The
 * cost is undefined when a usage had none; `estimated` / `pricing_missing` carry over.
 */
export function sumUsage(usages: readonly TokenUsage[]): TokenUsage {
  const optional = [
    'cached_tokens',
    'cache_write_tokens',
    'cache_write_1h_tokens',
    'reasoning_tokens',
  ] as const;
  const sum: TokenUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  let cost = Decimal.ZERO;
  let priced = usages.length > 0;
  let currency: string | undefined;
  for (const usage of usages) {
    sum.prompt_tokens += usage.prompt_tokens;
    sum.completion_tokens += usage.completion_tokens;
    sum.total_tokens += usage.total_tokens;
    for (const field of optional) {
      const value = usage[field];
      if (value !== undefined) sum[field] = (sum[field] ?? 0) + value;
    }
    if (usage.estimated) sum.estimated = true;
    if (usage.pricing_missing) sum.pricing_missing = true;
    const exact = usage.cost_breakdown?.total_decimal;
    if (usage.cost === undefined && exact === undefined) priced = false;
    else {
      cost = cost.plus(Decimal.from(exact ?? usage.cost!));
      currency ??= usage.currency ?? usage.cost_breakdown?.currency;
    }
  }
  if (priced) {
    sum.cost = cost.toNumber();
    if (currency !== undefined) sum.currency = currency;
  }
  return sum;
}

/**
 * The toolbox's model on this manager: every call goes through `chatCompletion` /
 * `streamCompletion` (routing, retries, budgets, pricing, one ledger record each) with the loop's
 * id as `callId`; model facts come from the provider the request routes to.
 */
export function createAgentModel(
  target: AgentCallTarget,
  snapshot: () => ManagerSnapshot,
  base: AgentManagerCallOptions = {},
): AgentModel {
  const managerOptions = (options: AgentCallOptions): ManagerCallOptions => ({
    ...base,
    callId: options.callId,
    ...(options.signal && { signal: options.signal }),
    ...((options.tags || base.tags) && { tags: { ...base.tags, ...options.tags } }),
  });
  return {
    chat: (request, options) => target.chatCompletion(request, managerOptions(options)),
    stream: (request, options) => target.streamCompletion(request, managerOptions(options)),
    sumUsage,
    modelFacts(request): AgentModelFacts {
      let config;
      try {
        config = selectProvider(snapshot(), request).provider.config;
      } catch {
        // The call itself reports a provider it cannot route to; facts are only hints.
        return {};
      }
      const model = findModelConfig(config, request.model);
      const contextWindow =
        model?.context_window ?? catalogModelDefaults(config, request.model)?.context_window;
      const supportsJsonSchema =
        model?.supports_json_mode ?? NATIVE_JSON_SCHEMA_TYPES.has(config.type);
      return { ...(contextWindow !== undefined && { contextWindow }), supportsJsonSchema };
    },
  };
}

/** The loop options without the manager's own, and the manager's without the loop's. */
function splitToolOptions(options: ToolCallOptions): {
  loop: ToolLoopOptions;
  call: AgentManagerCallOptions;
} {
  const { maxSteps, maxParallel, signal, callId, tags, toolChoice, onStep, ...call } = options;
  return {
    loop: { maxSteps, maxParallel, signal, callId, tags, toolChoice, onStep },
    call,
  };
}

/** `callWithTools`: one call offering `LLMTool`s (today's behaviour), or the tool loop. */
export async function callWithTools(
  target: AgentCallTarget,
  snapshot: () => ManagerSnapshot,
  request: LLMRequest,
  tools: ToolManager | readonly ToolDefinition[] | readonly LLMTool[],
  options: ToolCallOptions = {},
): Promise<LLMToolResponse | ToolLoopResult> {
  if (Array.isArray(tools) && tools.length > 0 && tools.every(isLLMTool)) {
    const { loop, call } = splitToolOptions(options);
    const response = await target.chatCompletion(
      { ...request, tools: [...(request.tools ?? []), ...tools] },
      {
        ...call,
        ...(loop.signal && { signal: loop.signal }),
        ...(loop.tags && { tags: loop.tags }),
        ...(loop.callId && { callId: loop.callId }),
      },
    );
    return { ...response, tool_calls: response.tool_calls ?? [] };
  }
  const { loop, call } = splitToolOptions(options);
  const module = await loadTools();
  const manager = module.toToolManager(
    ownTools(module, tools as ToolManager | readonly ToolDefinition[]),
  );
  return module.runToolLoop(createAgentModel(target, snapshot, call), request, manager, loop);
}

/** `streamWithTools`: the tool loop, streamed. */
export async function* streamWithTools(
  target: AgentCallTarget,
  snapshot: () => ManagerSnapshot,
  request: LLMRequest,
  given: ToolManager | readonly ToolDefinition[],
  options: ToolCallOptions = {},
): AsyncGenerator<ToolStreamChunk, void, undefined> {
  const { loop, call } = splitToolOptions(options);
  const module = await loadTools();
  const manager = module.toToolManager(ownTools(module, given));
  yield* module.streamToolLoop(createAgentModel(target, snapshot, call), request, manager, loop);
}

/** `generateObject` on this manager. */
export async function generateObjectWith<Value>(
  target: AgentCallTarget,
  snapshot: () => ManagerSnapshot,
  request: GenerateObjectRequest<Value>,
  options: AgentManagerCallOptions = {},
): Promise<GenerateObjectResult<Value>> {
  const { signal, callId, tags, ...call } = options;
  const { generateObject } = await loadTools();
  return generateObject(createAgentModel(target, snapshot, call), request, {
    ...(signal && { signal }),
    ...(callId && { callId }),
    ...(tags && { tags }),
  });
}

/** `streamObject` on this manager. */
export async function* streamObjectWith<Value>(
  target: AgentCallTarget,
  snapshot: () => ManagerSnapshot,
  request: GenerateObjectRequest<Value>,
  options: AgentManagerCallOptions = {},
): AsyncGenerator<ObjectStreamChunk<Value>, void, undefined> {
  const { signal, callId, tags, ...call } = options;
  const { streamObject } = await loadTools();
  yield* streamObject(createAgentModel(target, snapshot, call), request, {
    ...(signal && { signal }),
    ...(callId && { callId }),
    ...(tags && { tags }),
  });
}

/** `visionCompletion`: a prompt and images (built into image parts), or a ready request. */
export async function visionCompletion(
  target: AgentCallTarget,
  request: VisionRequest | LLMRequest,
  options?: ManagerCallOptions,
): Promise<LLMResponse> {
  const built =
    'images' in request ? await (await loadTools()).buildVisionRequest(request) : request;
  return target.chatCompletion(built, options);
}

/** `conversation`: a new one from options, or one restored from `toJSON()`. */
export function conversationWith(
  target: AgentCallTarget,
  snapshot: () => ManagerSnapshot,
  from: ConversationOptions | ConversationSnapshot,
  extra: Pick<ConversationOptions, 'tools' | 'toolLoop'> = {},
): Conversation {
  const model = createAgentModel(target, snapshot);
  const module = toolsNow();
  const own = { ...extra, ...(extra.tools ? { tools: ownTools(module, extra.tools) } : {}) };
  if ('kind' in from && from.kind === 'llm-conversation')
    return module.Conversation.fromJSON(model, from, own);
  const options = from as ConversationOptions;
  return new module.Conversation(model, {
    ...options,
    ...(options.tools ? { tools: ownTools(module, options.tools) } : {}),
    ...own,
  });
}
