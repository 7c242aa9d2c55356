import { closestMatch } from '@llm/core';
import { isTable, type ConfigPath, type IssueDraft } from '../issues/config-path';

/** What a semantic check sees: the merged, substituted, file-shaped tree (not yet validated). */
export interface CheckContext {
  llm: Record<string, unknown>;
  knownProviderTypes: ReadonlySet<string>;
  /** The presets of the generic provider; presets are not checked when absent. */
  knownPresets?: ReadonlySet<string>;
}

/** A check beyond the schema; it must tolerate values of the wrong type (the schema reports those). */
export type SemanticCheck = (context: CheckContext) => IssueDraft[];

function providerEntries(llm: Record<string, unknown>): [string, Record<string, unknown>][] {
  const providers = llm.providers;
  if (!isTable(providers)) return [];
  return Object.entries(providers).filter((entry): entry is [string, Record<string, unknown>] =>
    isTable(entry[1]),
  );
}

/** `default_provider` must name a configured, enabled provider. */
export const checkDefaultProvider: SemanticCheck = ({ llm }) => {
  const name = llm.default_provider;
  if (typeof name !== 'string' || name === '') return [];
  const providers = providerEntries(llm);
  const path = ['llm', 'default_provider'];
  const match = providers.find(([providerName]) => providerName === name);
  if (match)
    return match[1].enabled === false
      ? [{ path, message: `provider "${name}" is disabled (enabled = false)` }]
      : [];
  const names = providers.map(([providerName]) => providerName);
  const configured = names.length
    ? `configured: ${names.join(', ')}`
    : 'no providers are configured';
  const suggestion = closestMatch(name, names);
  return [
    {
      path,
      message: `"${name}" is not a configured provider (${configured})`,
      ...(suggestion ? { suggestion } : {}),
    },
  ];
};

/** Each provider's `type` must be a built-in type or one registered by a third party. */
export const checkProviderTypes: SemanticCheck = ({ llm, knownProviderTypes }) =>
  providerEntries(llm).flatMap(([name, provider]) => {
    const type = provider.type;
    if (typeof type !== 'string' || type === '' || knownProviderTypes.has(type)) return [];
    const known = [...knownProviderTypes].sort();
    const suggestion = closestMatch(type, known);
    return [
      {
        path: ['llm', 'providers', name, 'type'],
        message: `unknown provider type "${type}" (known: ${known.join(', ')})`,
        ...(suggestion ? { suggestion } : {}),
      },
    ];
  });

/** Model names of one provider must differ ignoring case (`gpt-4` and `GPT-4` are the same model). */
export const checkDuplicateModels: SemanticCheck = ({ llm }) =>
  providerEntries(llm).flatMap(([providerName, provider]) => {
    if (!isTable(provider.models)) return [];
    const seen = new Map<string, string>();
    const drafts: IssueDraft[] = [];
    for (const modelName of Object.keys(provider.models)) {
      const first = seen.get(modelName.toLowerCase());
      if (first === undefined) seen.set(modelName.toLowerCase(), modelName);
      else {
        drafts.push({
          path: ['llm', 'providers', providerName, 'models', modelName],
          message: `model "${modelName}" duplicates "${first}" (model names are compared ignoring case)`,
        });
      }
    }
    return drafts;
  });

function zeroTimeouts(timeouts: unknown, path: ConfigPath): IssueDraft[] {
  if (!isTable(timeouts)) return [];
  return Object.entries(timeouts)
    .filter(([, value]) => value === 0)
    .map(([key]) => ({
      path: [...path, key],
      message: 'must be greater than 0 (a zero timeout would fail every call)',
    }));
}

/** `[llm.timeouts]` and per-provider `timeouts` must be positive; the schema already rejects negatives. */
export const checkTimeouts: SemanticCheck = ({ llm }) => [
  ...zeroTimeouts(llm.timeouts, ['llm', 'timeouts']),
  ...providerEntries(llm).flatMap(([name, provider]) =>
    zeroTimeouts(provider.timeouts, ['llm', 'providers', name, 'timeouts']),
  ),
];

function delays(retry: unknown, path: ConfigPath): IssueDraft[] {
  if (
    !isTable(retry) ||
    typeof retry.base_delay !== 'number' ||
    typeof retry.max_delay !== 'number'
  )
    return [];
  if (retry.max_delay >= retry.base_delay) return [];
  return [
    {
      path: [...path, 'max_delay'],
      message: `must be at least base_delay (${retry.base_delay} ms)`,
    },
  ];
}

/** A retry's `max_delay` cannot be below its `base_delay`. */
export const checkRetryDelays: SemanticCheck = ({ llm }) => [
  ...delays(llm.retry, ['llm', 'retry']),
  ...providerEntries(llm).flatMap(([name, provider]) =>
    delays(provider.retry, ['llm', 'providers', name, 'retry']),
  ),
];

function checkBudget(
  budget: Record<string, unknown>,
  index: number,
  context: CheckContext,
): IssueDraft[] {
  const path = ['llm', 'budgets', index];
  const scope = budget.scope ?? 'all';
  const match = budget.match;
  const drafts: IssueDraft[] = [];
  if (scope !== 'all' && (typeof match !== 'string' || match === '')) {
    drafts.push({
      path: [...path, 'match'],
      message: `is required for scope "${String(scope)}" (the ${scope === 'tag' ? 'tag as key=value' : `${String(scope)} name`})`,
    });
  } else if (scope === 'tag' && typeof match === 'string' && !/^[^=]+=.*$/.test(match)) {
    drafts.push({ path: [...path, 'match'], message: 'must be "key=value" for scope "tag"' });
  } else if (scope === 'provider' && typeof match === 'string') {
    const names = providerEntries(context.llm).map(([name]) => name);
    const suggestion = closestMatch(match, names);
    if (!names.includes(match))
      drafts.push({
        path: [...path, 'match'],
        message: `"${match}" is not a configured provider`,
        ...(suggestion ? { suggestion } : {}),
      });
  }
  const currency = budget.currency;
  const rates = isTable(context.llm.exchange_rates) ? context.llm.exchange_rates : {};
  const display = context.llm.display_currency ?? 'USD';
  if (typeof currency === 'string' && currency !== display && !(currency in rates)) {
    drafts.push({
      path: [...path, 'currency'],
      message: `has no exchange rate to the display currency ${String(display)} (add ${currency} to exchange_rates)`,
    });
  }
  return drafts;
}

/** Scoped budgets need a `match`; a tag match is `key=value`; a budget currency needs an exchange rate. */
export const checkBudgets: SemanticCheck = (context) => {
  const budgets = context.llm.budgets;
  if (!Array.isArray(budgets)) return [];
  return budgets.flatMap((budget, index) =>
    isTable(budget) ? checkBudget(budget, index, context) : [],
  );
};

/** An enabled Azure provider cannot be called without its resource endpoint. */
export const checkAzureEndpoint: SemanticCheck = ({ llm }) =>
  providerEntries(llm)
    .filter(
      ([, provider]) =>
        provider.type === 'azure' &&
        provider.enabled !== false &&
        !provider.endpoint &&
        !provider.base_url,
    )
    .map(([name]) => ({
      path: ['llm', 'providers', name, 'endpoint'],
      message:
        'is required for an azure provider (https://<resource>.openai.azure.com), or set AZURE_OPENAI_ENDPOINT',
    }));

/** A generic provider's `preset` must be one the generic provider knows (when the caller says which). */
export const checkPresets: SemanticCheck = ({ llm, knownPresets }) =>
  knownPresets
    ? providerEntries(llm).flatMap(([name, provider]) => {
        const preset = provider.preset;
        if (provider.type !== 'generic' || typeof preset !== 'string' || knownPresets.has(preset))
          return [];
        const known = [...knownPresets].sort();
        const suggestion = closestMatch(preset, known);
        return [
          {
            path: ['llm', 'providers', name, 'preset'],
            message: `unknown preset "${preset}" (known: ${known.join(', ')})`,
            ...(suggestion ? { suggestion } : {}),
          },
        ];
      })
    : [];

const URL_FIELDS = ['base_url', 'endpoint'] as const;

/**
 * `base_url` and `endpoint` must be http:// or https:// URLs. The schema rejects text that is no URL
 * at all; this catches what parses with another scheme: `ftp://…`, or `localhost:8080/v1`, which
 * reads as the scheme `localhost:`. The value is not echoed (a URL may hold a password).
 */
export const checkUrlSchemes: SemanticCheck = ({ llm }) =>
  providerEntries(llm).flatMap(([name, provider]) =>
    URL_FIELDS.flatMap((field) => {
      const value = provider[field];
      if (typeof value !== 'string' || !URL.canParse(value)) return [];
      const scheme = new URL(value).protocol;
      if (scheme === 'http:' || scheme === 'https:') return [];
      const looksSchemeless = !value.includes('://');
      return [
        {
          path: ['llm', 'providers', name, field],
          message: looksSchemeless
            ? `must start with http:// or https:// (without one, "${scheme}" reads as the scheme)`
            : `must be an http:// or https:// URL, not ${scheme}//`,
        },
      ];
    }),
  );

/** The names a routing entry may use: providers and the models each lists (by name and `model_id`). */
function routingNames(llm: Record<string, unknown>) {
  const logical = isTable(llm.models) ? Object.keys(llm.models) : [];
  const providers = new Map(
    providerEntries(llm).map(([name, provider]) => {
      const models = isTable(provider.models) ? provider.models : {};
      const listed = Object.entries(models).flatMap(([model, table]) =>
        isTable(table) && typeof table.model_id === 'string' ? [model, table.model_id] : [model],
      );
      return [name, listed] as const;
    }),
  );
  const plain = new Set([...providers.values()].flat());
  const pairs = [...providers].flatMap(([name, models]) => models.map((m) => `${name}/${m}`));
  return { logical, providers, plain, known: [...logical, ...pairs, ...plain] };
}

type RoutingNames = ReturnType<typeof routingNames>;

/** A deployment's model must be one its provider lists (a provider that lists none serves any). */
function unlistedModel(
  names: RoutingNames,
  provider: string,
  model: string,
): { message: string; suggestion?: string } | undefined {
  const listed = names.providers.get(provider);
  if (!listed || listed.length === 0 || listed.includes(model)) return undefined;
  const suggestion = closestMatch(model, listed);
  return {
    message: `provider "${provider}" does not list model "${model}" (listed: ${listed.join(', ')})`,
    ...(suggestion ? { suggestion } : {}),
  };
}

function checkDeployment(deployment: unknown, path: ConfigPath, names: RoutingNames) {
  if (!isTable(deployment) || typeof deployment.provider !== 'string') return [];
  const { provider, model } = deployment;
  if (!names.providers.has(provider)) {
    const suggestion = closestMatch(provider, [...names.providers.keys()]);
    return [
      {
        path: [...path, 'provider'],
        message: `"${provider}" is not a configured provider`,
        ...(suggestion ? { suggestion } : {}),
      },
    ];
  }
  const unlisted = typeof model === 'string' ? unlistedModel(names, provider, model) : undefined;
  return unlisted ? [{ path: [...path, 'model'], ...unlisted }] : [];
}

/** A fallback is a logical model, a `provider/model` pair or a model some provider lists. */
function checkFallback(name: unknown, path: ConfigPath, names: RoutingNames): IssueDraft[] {
  if (typeof name !== 'string' || names.logical.includes(name) || names.plain.has(name)) return [];
  const slash = name.indexOf('/');
  const provider = slash > 0 ? name.slice(0, slash) : undefined;
  if (provider !== undefined && names.providers.has(provider)) {
    const unlisted = unlistedModel(names, provider, name.slice(slash + 1));
    if (!unlisted) return [];
    const suggestion = unlisted.suggestion ? `${provider}/${unlisted.suggestion}` : undefined;
    return [{ path, message: unlisted.message, ...(suggestion ? { suggestion } : {}) }];
  }
  const suggestion = closestMatch(name, names.known);
  return [
    {
      path,
      message: `"${name}" is neither a logical model, a provider/model pair nor a model a provider lists`,
      ...(suggestion ? { suggestion } : {}),
    },
  ];
}

/** `[llm.models.<name>]`: deployments and fallbacks must name configured providers and models. */
export const checkLogicalModels: SemanticCheck = ({ llm }) => {
  if (!isTable(llm.models)) return [];
  const names = routingNames(llm);
  return Object.entries(llm.models).flatMap(([alias, model]) => {
    if (!isTable(model)) return [];
    const path = ['llm', 'models', alias];
    const deployments = Array.isArray(model.deployments) ? model.deployments : [];
    const lists = (key: 'fallbacks' | 'context_window_fallbacks') =>
      Array.isArray(model[key])
        ? (model[key] as unknown[]).flatMap((name, index) =>
            checkFallback(name, [...path, key, index], names),
          )
        : [];
    return [
      ...deployments.flatMap((deployment, index) =>
        checkDeployment(deployment, [...path, 'deployments', index], names),
      ),
      ...lists('fallbacks'),
      ...lists('context_window_fallbacks'),
    ];
  });
};

/**
 * `default_model` is named like a fallback: a logical model, a `provider/model` pair or a model a
 * provider lists. A plain name also passes when an enabled provider lists no models (it serves any).
 */
export const checkDefaultModel: SemanticCheck = ({ llm }) => {
  const name = llm.default_model;
  if (typeof name !== 'string' || name === '') return [];
  const names = routingNames(llm);
  const open = providerEntries(llm).some(
    ([, provider]) =>
      provider.enabled !== false &&
      (!isTable(provider.models) || !Object.keys(provider.models).length),
  );
  if (open && !name.includes('/')) return [];
  return checkFallback(name, ['llm', 'default_model'], names);
};

/** Checks the schema cannot express; each runs even when the schema found problems elsewhere. */
const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  checkDefaultProvider,
  checkProviderTypes,
  checkDuplicateModels,
  checkTimeouts,
  checkRetryDelays,
  checkBudgets,
  checkAzureEndpoint,
  checkPresets,
  checkUrlSchemes,
  checkLogicalModels,
  checkDefaultModel,
];

export function runSemanticChecks(context: CheckContext): IssueDraft[] {
  return SEMANTIC_CHECKS.flatMap((check) => check(context));
}
