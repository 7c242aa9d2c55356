import {
  checkRequestForModel,
  EmbeddingRequestSchema,
  findModelConfig,
  estimateMessageTokens,
  validateRequestAgainstConfig,
  type EmbeddingRequest,
  type LLMError,
  type LLMProviderConfig,
  type LLMRequest,
  type ModelDefaults,
  type ValidationResult,
} from '@llm/core';
import { resolveResilienceSettings } from '@llm/config/internal';
import { BUDGET_EXCEEDED, BUDGET_UNPRICED, loadPriceCatalog, resolvePrice } from '@llm/usage';
import { pricingTargetFor } from '@llm/usage/internal';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';

/** A non-empty string, else undefined: what a malformed request may hold in `model` or `provider`. */
export function nameIn(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The shape of a chat request and its tools and messages, checked before routing reads it. */
export function checkChatRequest(request: unknown): ValidationResult {
  return validateRequestAgainstConfig(request);
}

/**
 * A routed chat request against its model: the provider's config (listed, vision, tools, context
 * window, max_tokens) with the catalog's facts where the config is silent, before any dispatch.
 */
export function checkChatRequestForModel(
  request: LLMRequest,
  entry: ProviderEntry,
): ValidationResult {
  const config = entry.provider.config;
  // The shape was checked once (checkChatRequest) before routing read the request.
  return checkRequestForModel(request, config, catalogModelDefaults(config, request.model));
}

export function checkEmbeddingRequest(request: unknown): ValidationResult {
  const parsed = EmbeddingRequestSchema.safeParse(request);
  return parsed.success
    ? { valid: true, errors: [] }
    : {
        valid: false,
        errors: parsed.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(request)',
          message: issue.message,
        })),
      };
}

// Whether a deployment has a tokens-per-minute limit, per configuration: settled once per reload.
const tokenLimits = new WeakMap<ManagerSnapshot['config'], Map<string, boolean>>();

function tokenLimited(config: ManagerSnapshot['config'], provider: string, model: string): boolean {
  let byDeployment = tokenLimits.get(config);
  if (!byDeployment) tokenLimits.set(config, (byDeployment = new Map()));
  const key = `${provider}\u0000${model}`;
  let limited = byDeployment.get(key);
  if (limited === undefined) {
    const { rateLimit, modelRateLimit } = resolveResilienceSettings(config, provider, model);
    limited = (rateLimit?.tokens_per_minute ?? modelRateLimit?.tokens_per_minute) !== undefined;
    byDeployment.set(key, limited);
  }
  return limited;
}

/**
 * Tokens a call may use, for tokens-per-minute limits; computed only where such a limit applies to
 * the call: the provider's (or, without one, the global `[llm.rate_limit]`) or the model's, as the
 * pipeline applies them.
 */
export function estimatedTokens(
  snapshot: ManagerSnapshot,
  entry: ProviderEntry,
  request: LLMRequest | EmbeddingRequest,
): number | undefined {
  if (!('messages' in request)) return undefined;
  if (!tokenLimited(snapshot.config, entry.provider.name, request.model)) return undefined;
  const prompt = estimateMessageTokens(request.messages, {
    model: request.model,
    tools: request.tools,
  }).tokens;
  return prompt + (request.max_tokens ?? 0);
}

/** Codes a record keeps as its `error_type`: a caller's abort and a budget's refusal are no provider failure. */
const OWN_FAILURE_CODES: ReadonlySet<string | undefined> = new Set([
  'aborted',
  BUDGET_EXCEEDED,
  BUDGET_UNPRICED,
]);

/** The `error_type` a ledger record gets: the LLMErrorType, or the code of an abort or a budget refusal. */
export function failureKind(error: LLMError): string {
  return OWN_FAILURE_CODES.has(error.code) ? error.code! : error.type;
}

/**
 * What the price catalog knows of a model, for the settings its config leaves unset: the input
 * limit (`max_input_tokens`) as its context window, and whether it takes images (`vision`) and
 * tools (`function_calling`). The entry is the one the catalog would price the call from (same
 * look-up: `model_id`, then the model as requested, with the provider name, preset and type as
 * hints), found with the configured prices left out so a priced model still gets its facts.
 * Undefined for a model the catalog does not have, which is then not restricted, and for an
 * embedding entry (its flags say nothing of chat).
 */
export function catalogModelDefaults(
  provider: LLMProviderConfig,
  model: string,
): ModelDefaults | undefined {
  // A provider's config is replaced, never changed, on reload, and the catalog is bundled: the
  // answer for one config and model never changes, so each call after the first reads it back.
  let known = remembered.get(provider);
  if (!known) remembered.set(provider, (known = new Map()));
  if (known.has(model)) return known.get(model);
  const defaults = lookUp(provider, model);
  // Model names come from requests: remember a bounded number of them per config.
  if (known.size < REMEMBERED_MODELS_PER_PROVIDER) known.set(model, defaults);
  return defaults;
}

const REMEMBERED_MODELS_PER_PROVIDER = 1000;
const remembered = new WeakMap<LLMProviderConfig, Map<string, ModelDefaults | undefined>>();

function lookUp(provider: LLMProviderConfig, model: string): ModelDefaults | undefined {
  const configured = findModelConfig(provider, model);
  const target = pricingTargetFor(
    {
      name: provider.name,
      type: provider.type,
      ...(provider.preset !== undefined ? { preset: provider.preset } : {}),
      models: configured ? [withoutPricing(configured)] : [],
    },
    model,
  );
  const entry = resolvePrice(target, loadPriceCatalog)?.catalogEntry;
  if (!entry || entry.mode === 'embedding') return undefined;
  return {
    source: `the price catalog entry "${entry.id}"`,
    ...(entry.maxInputTokens !== undefined ? { context_window: entry.maxInputTokens } : {}),
    supports_vision: entry.capabilities.includes('vision'),
    supports_tools: entry.capabilities.includes('function_calling'),
  };
}

function withoutPricing<Model extends { pricing?: unknown }>(model: Model): Model {
  const copy = { ...model };
  delete copy.pricing;
  return copy;
}
