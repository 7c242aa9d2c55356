import { findModelConfig, type LLMProviderConfig, type ModelDefaults } from '@llm/core';
import { loadPriceCatalog, resolvePrice } from '@llm/usage';
import { pricingTargetFor } from '@llm/usage/internal';

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
