import {
  EmbeddingRequestSchema,
  estimateMessageTokens,
  validateRequestAgainstConfig,
  type EmbeddingRequest,
  type LLMError,
  type LLMRequest,
  type ValidationResult,
} from '@llm/core';
import { resolveResilienceSettings } from '@llm/config/internal';
import { BUDGET_EXCEEDED, BUDGET_UNPRICED } from '@llm/usage';
import { catalogModelDefaults } from './catalog-model-defaults';
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
  return validateRequestAgainstConfig(request, config, catalogModelDefaults(config, request.model));
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
