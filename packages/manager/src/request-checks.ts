import {
  EmbeddingRequestSchema,
  findModelConfig,
  estimateMessageTokens,
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

/**
 * What the checks of a chat request need to know of one deployment's model. It depends only on
 * the deployment's entry (rebuilt whenever its provider, retry, limit or timeout settings change)
 * and the model name, so it is learned once and kept on the entry (`ProviderEntry.models`): a
 * warm call reads it with one map look-up.
 */
export interface ModelFacts {
  /** What the price catalog says where the model's config is silent (see `catalogModelDefaults`). */
  readonly defaults: ModelDefaults | undefined;
  /** Whether a tokens-per-minute limit applies to the deployment, so a call's tokens are estimated. */
  readonly tokenLimited: boolean;
}

// Model names come from requests: an entry remembers a bounded number of them.
const REMEMBERED_MODELS_PER_ENTRY = 1000;

/** Finds the facts of `model` on `entry`'s deployment and keeps them on the entry. */
export function learnModelFacts(
  entry: ProviderEntry,
  config: ManagerSnapshot['config'],
  model: string,
): ModelFacts {
  const { rateLimit, modelRateLimit } = resolveResilienceSettings(
    config,
    entry.provider.name,
    model,
  );
  const facts: ModelFacts = {
    defaults: catalogModelDefaults(entry.provider.config, model),
    tokenLimited: (rateLimit?.tokens_per_minute ?? modelRateLimit?.tokens_per_minute) !== undefined,
  };
  if (entry.models.size < REMEMBERED_MODELS_PER_ENTRY) entry.models.set(model, facts);
  return facts;
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

/**
 * Tokens a chat call may use, for tokens-per-minute limits: asked only where such a limit applies
 * to the call (`ModelFacts.tokenLimited`: the provider's or, without one, the global
 * `[llm.rate_limit]`, or the model's, as the pipeline applies them).
 */
export function estimatedTokens(request: LLMRequest): number {
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
