import type { LLMProviderConfig } from '@llm/core';
import type { LLMManager } from '@llm/manager';
import { loadPriceCatalog } from '@llm/usage';
import { CommandLineError, type ParsedArgs } from '../command';
import type { StoredConversation } from './conversation-store';

export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const value = args.values[name];
  if (typeof value !== 'string') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new CommandLineError(`--${name} takes a number (got "${value}")`);
  return parsed;
}

/**
 * The provider and model of `llm chat`: `--model` (routed by the manager, or sent to `--provider`),
 * else the conversation's model when continuing one, else the first chat model of `--provider`,
 * else the config's `default_model` (routed like `--model`), else the first chat model of the default provider (`default_provider`, else the first enabled provider: the config's
 * rule, `getDefaultProvider()`).
 */
export function chooseTarget(
  args: ParsedArgs,
  manager: LLMManager,
  continued?: StoredConversation,
): { model: string; provider: string | undefined } {
  const named = args.values['provider'] as string | undefined;
  const providers = manager.getProviderInfo();
  const available = providers.filter((provider) => provider.enabled).map(({ name }) => name);
  if (named !== undefined && !available.includes(named)) {
    const disabled = providers.some((provider) => provider.name === named);
    throw new CommandLineError(
      `Provider "${named}" is ${disabled ? 'disabled (enabled = false)' : 'not configured'} (available: ${available.join(', ') || 'none'})`,
    );
  }
  const model = args.values['model'] as string | undefined;
  if (model !== undefined)
    return { model, provider: named ?? catalogProviderFor(model, manager.config.providers) };
  if (continued?.model && named === undefined)
    return { model: continued.model, provider: continued.provider };
  const configured = manager.config.default_model;
  if (named === undefined && configured !== undefined)
    return {
      model: configured,
      provider: catalogProviderFor(configured, manager.config.providers),
    };
  const providerName = named ?? manager.configManager.getDefaultProvider() ?? undefined;
  const provider = manager.config.providers.find((candidate) => candidate.name === providerName);
  const chatModel = provider?.models.find((candidate) => candidate.mode !== 'embedding')?.name;
  if (!provider || !chatModel)
    throw new CommandLineError(
      provider
        ? `No model: pass --model, or list a chat model under provider "${provider.name}" in the config`
        : 'No model: pass --model, or configure and enable a provider with a model',
    );
  return { model: chatModel, provider: provider.name };
}

/** The catalog's provider names that are not our type names. */
const CATALOG_TYPES: Readonly<Record<string, string>> = { anthropic: 'claude' };

/**
 * When no provider lists any model (providers from the environment), a model name alone would go
 * to the default provider; `claude-…` belongs to the provider whose type or preset the catalog
 * names for it. Undefined (the manager's routing) when a provider lists models or none matches.
 */
function catalogProviderFor(
  model: string,
  providers: readonly LLMProviderConfig[],
): string | undefined {
  const enabled = providers.filter((provider) => provider.enabled);
  if (enabled.length < 2 || enabled.some((provider) => provider.models.length > 0))
    return undefined;
  const owner = loadPriceCatalog().lookup(model)?.provider;
  if (!owner) return undefined;
  const type = CATALOG_TYPES[owner] ?? owner;
  return enabled.find((provider) => provider.preset === owner || provider.type === type)?.name;
}
