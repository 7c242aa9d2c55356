import { closestMatches, LLMError, LLMErrorType } from '@llm/core';
import {
  ROUTING_DEFAULTS,
  type Deployment,
  type LogicalModel,
  type RoutingStrategyName,
  type StreamRecovery,
} from './routing-schemas';

/** A model a provider lists, as far as routing needs it. */
export interface RoutingProviderModel {
  readonly name: string;
  readonly model_id?: string;
  readonly context_window?: number;
}

/** A configured provider, as far as routing needs it. */
export interface RoutingProvider {
  readonly name: string;
  /** Default true; a disabled provider is never a candidate. */
  readonly enabled?: boolean;
  readonly models: readonly RoutingProviderModel[];
}

/** Everything names resolve against: the logical models and the providers, in config order. */
export interface RoutingCatalog {
  readonly logicalModels?: readonly LogicalModel[];
  readonly providers: readonly RoutingProvider[];
  /** `[llm.routing]` defaults for strategy and stream recovery. */
  readonly settings?: {
    readonly strategy?: RoutingStrategyName;
    readonly stream_recovery?: StreamRecovery;
  };
}

/** Per-call overrides of the config (`options.fallbacks`, `options.strategy`, `options.streamRecovery`). */
export interface RouteOverrides {
  readonly fallbacks?: readonly string[];
  readonly strategy?: RoutingStrategyName;
  readonly streamRecovery?: StreamRecovery;
}

/** One deployment a call may be sent to. */
export interface Candidate extends Deployment {
  /** `provider/model`. */
  readonly id: string;
  /** The name it was resolved from: a logical model, a `provider/model` pair or a plain model name. */
  readonly via: string;
  /** The context window the provider lists for the model, when it lists one. */
  readonly context_window?: number;
}

/** Candidates tried together under one strategy: a logical model's deployments, or one fallback. */
export interface CandidateGroup {
  readonly name: string;
  readonly strategy: RoutingStrategyName;
  readonly candidates: readonly Candidate[];
}

export interface ResolvedRoute {
  readonly requestModel: string;
  readonly strategy: RoutingStrategyName;
  readonly streamRecovery: StreamRecovery;
  /** The requested model's own deployments first, then each fallback in order; no duplicates. */
  readonly groups: readonly CandidateGroup[];
  /** Where a prompt goes that did not fit (`context_window_fallbacks`, resolved). */
  readonly contextWindowFallbacks: readonly Candidate[];
}

interface CatalogIndex {
  readonly logical: ReadonlyMap<string, LogicalModel>;
  readonly providers: ReadonlyMap<string, RoutingProvider>;
  /** `provider/name` and `provider/model_id` → the listed model. */
  readonly listed: ReadonlyMap<string, RoutingProviderModel>;
  /** Plain model name (name or model_id) → the enabled providers listing it, in config order. */
  readonly byModel: ReadonlyMap<
    string,
    readonly { provider: string; model: RoutingProviderModel }[]
  >;
  readonly knownNames: readonly string[];
  readonly defaultStrategy: RoutingStrategyName;
  readonly defaultStreamRecovery: StreamRecovery;
  /** Routes of calls without overrides, by requested name: the same catalog resolves the same way. */
  readonly routes: Map<string, ResolvedRoute>;
  /** Routes of calls with overrides, by name and overrides; bounded (see OVERRIDDEN_ROUTES_MAX). */
  overridden: OverriddenRoutes;
}

/**
 * Routes resolved with overrides, as a tree walked one key part at a time (name, strategy, stream
 * recovery, then each fallback): a lookup builds no string, so a call with overrides allocates
 * nothing once its route is known.
 */
interface OverriddenRoutes {
  size: number;
  readonly root: RouteNode;
}

interface RouteNode {
  route?: ResolvedRoute;
  next?: Map<string, RouteNode>;
}

/**
 * How many distinct (name, overrides) routes one catalog keeps. Callers usually pass a handful of
 * override sets; one that sends a fresh set per call only makes the cache start over.
 */
const OVERRIDDEN_ROUTES_MAX = 256;

/** Marks the end of the fallbacks part of a key: none given, or the list ended. */
const NO_FALLBACKS = '\u0002';
const END = '\u0003';

/** The node of a name and its overrides; created along the way when `create`. */
function routeNode(
  routes: OverriddenRoutes,
  requestModel: string,
  overrides: RouteOverrides,
  create: boolean,
): RouteNode | undefined {
  let node: RouteNode | undefined = routes.root;
  const step = (part: string) => {
    if (!node) return;
    let child: RouteNode | undefined = node.next?.get(part);
    if (!child && create) {
      child = {};
      (node.next ??= new Map()).set(part, child);
    }
    node = child;
  };
  step(requestModel);
  step(overrides.strategy ?? '');
  step(overrides.streamRecovery ?? '');
  if (overrides.fallbacks === undefined) step(NO_FALLBACKS);
  else {
    for (const fallback of overrides.fallbacks) step(fallback);
    step(END);
  }
  return node;
}

// The catalog is indexed once per object, and a name without overrides resolved once: a routing
// decision must stay in the microseconds. A changed config is a new catalog object.
const indexes = new WeakMap<RoutingCatalog, CatalogIndex>();

function indexCatalog(catalog: RoutingCatalog): CatalogIndex {
  const cached = indexes.get(catalog);
  if (cached) return cached;
  const logical = new Map((catalog.logicalModels ?? []).map((model) => [model.name, model]));
  const providers = new Map(catalog.providers.map((provider) => [provider.name, provider]));
  const byModel = new Map<string, { provider: string; model: RoutingProviderModel }[]>();
  const knownNames = new Set<string>(logical.keys());
  const listed = new Map<string, RoutingProviderModel>();
  for (const provider of catalog.providers) {
    for (const model of [...provider.models].reverse()) {
      listed.set(`${provider.name}/${model.model_id ?? model.name}`, model);
      listed.set(`${provider.name}/${model.name}`, model);
    }
    for (const model of provider.models) {
      knownNames.add(`${provider.name}/${model.name}`);
      knownNames.add(model.name);
      if (provider.enabled === false) continue;
      for (const name of new Set([model.name, model.model_id ?? model.name])) {
        const listed = byModel.get(name) ?? [];
        listed.push({ provider: provider.name, model });
        byModel.set(name, listed);
      }
    }
  }
  const index: CatalogIndex = {
    logical,
    providers,
    listed,
    byModel,
    knownNames: [...knownNames],
    defaultStrategy: catalog.settings?.strategy ?? ROUTING_DEFAULTS.strategy,
    defaultStreamRecovery: catalog.settings?.stream_recovery ?? ROUTING_DEFAULTS.stream_recovery,
    routes: new Map(),
    overridden: { size: 0, root: {} },
  };
  indexes.set(catalog, index);
  return index;
}

/** Up to three known names close to `name`, closest first (core's did-you-mean rule). */
export function suggestNames(name: string, known: readonly string[]): string[] {
  return closestMatches(name, known, 3);
}

function unknownModelError(name: string, index: CatalogIndex, why: string): LLMError {
  const suggestions = suggestNames(name, index.knownNames);
  const hint = suggestions.length
    ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?`
    : '';
  return new LLMError({
    type: LLMErrorType.MODEL_NOT_FOUND,
    message: `Model "${name}" ${why}.${hint}`,
    model: name,
    retryable: false,
    details: { suggestions },
  });
}

class Resolution {
  readonly groups: CandidateGroup[] = [];
  readonly #seen = new Set<string>();
  readonly #visiting = new Set<string>();

  constructor(
    private readonly index: CatalogIndex,
    private readonly strategy: RoutingStrategyName,
  ) {}

  /** Resolves one name into groups; a logical model already resolved is skipped, so cycles end. */
  add(name: string, strategy: RoutingStrategyName, fallbacks?: readonly string[]): void {
    const logical = this.index.logical.get(name);
    if (logical) {
      if (this.#visiting.has(name)) return;
      this.#visiting.add(name);
      const deployments = logical.deployments.flatMap((deployment) =>
        this.#deployment(deployment, name),
      );
      this.#push(name, logical.strategy ?? strategy, deployments);
      for (const fallback of fallbacks ?? logical.fallbacks) {
        this.add(fallback, this.index.logical.get(fallback)?.strategy ?? this.strategy);
      }
      return;
    }
    const slash = name.indexOf('/');
    const provider = slash > 0 ? this.index.providers.get(name.slice(0, slash)) : undefined;
    if (provider) {
      const model = name.slice(slash + 1);
      this.#push(name, strategy, this.#deployment({ provider: provider.name, model }, name));
    } else {
      const listed = this.index.byModel.get(name);
      if (!listed)
        throw unknownModelError(
          name,
          this.index,
          'is neither a logical model, a provider/model pair nor a model any enabled provider lists',
        );
      this.#push(
        name,
        strategy,
        listed.map(({ provider: providerName, model }) =>
          this.#candidate({ provider: providerName, model: model.name }, name, model),
        ),
      );
    }
    for (const fallback of fallbacks ?? []) {
      this.add(fallback, this.index.logical.get(fallback)?.strategy ?? this.strategy);
    }
  }

  #deployment(deployment: Deployment, via: string): Candidate[] {
    const provider = this.index.providers.get(deployment.provider);
    if (!provider) {
      throw unknownModelError(
        `${deployment.provider}/${deployment.model}`,
        this.index,
        `names provider "${deployment.provider}", which is not configured`,
      );
    }
    if (provider.enabled === false) return [];
    const model = this.index.listed.get(`${deployment.provider}/${deployment.model}`);
    if (!model && provider.models.length > 0) {
      throw unknownModelError(
        `${deployment.provider}/${deployment.model}`,
        this.index,
        `is not listed by provider "${provider.name}"`,
      );
    }
    return [this.#candidate(deployment, via, model)];
  }

  #candidate(deployment: Deployment, via: string, model?: RoutingProviderModel): Candidate {
    // Built field by field: object spreads here cost more than the rest of a routing decision.
    const name = model?.name ?? deployment.model;
    const candidate: { -readonly [K in keyof Candidate]: Candidate[K] } = {
      provider: deployment.provider,
      model: name,
      id: `${deployment.provider}/${name}`,
      via,
    };
    if (deployment.weight !== undefined) candidate.weight = deployment.weight;
    if (deployment.key_pool !== undefined) candidate.key_pool = deployment.key_pool;
    if (model?.context_window !== undefined) candidate.context_window = model.context_window;
    return candidate;
  }

  #push(name: string, strategy: RoutingStrategyName, candidates: readonly Candidate[]): void {
    const fresh = candidates.filter((candidate) => !this.#seen.has(candidate.id));
    for (const candidate of fresh) this.#seen.add(candidate.id);
    if (fresh.length) this.groups.push({ name, strategy, candidates: fresh });
  }
}

/**
 * The deployments a request's `model` may be sent to: a logical model → its deployments, then its
 * fallbacks (recursively, each deployment once, cycles cut); `provider/model` → that deployment;
 * a plain model name → every enabled provider that lists it, in config order. Throws a
 * `model_not_found` LLMError with did-you-mean suggestions for a name nothing matches.
 */
export function resolveCandidates(
  requestModel: string,
  catalog: RoutingCatalog,
  overrides: RouteOverrides = {},
): ResolvedRoute {
  const index = indexCatalog(catalog);
  const plain =
    overrides.fallbacks === undefined &&
    overrides.strategy === undefined &&
    overrides.streamRecovery === undefined;
  const cached = plain
    ? index.routes.get(requestModel)
    : routeNode(index.overridden, requestModel, overrides, false)?.route;
  if (cached) return cached;
  const logical = index.logical.get(requestModel);
  const strategy = overrides.strategy ?? logical?.strategy ?? index.defaultStrategy;
  const resolution = new Resolution(index, overrides.strategy ?? index.defaultStrategy);
  resolution.add(requestModel, strategy, overrides.fallbacks);
  if (resolution.groups.length === 0) {
    throw unknownModelError(requestModel, index, 'has no deployment on an enabled provider');
  }
  const contextResolution = new Resolution(index, index.defaultStrategy);
  for (const name of logical?.context_window_fallbacks ?? []) {
    contextResolution.add(name, index.defaultStrategy);
  }
  const route: ResolvedRoute = {
    requestModel,
    strategy,
    streamRecovery:
      overrides.streamRecovery ?? logical?.stream_recovery ?? index.defaultStreamRecovery,
    groups: resolution.groups,
    contextWindowFallbacks: contextResolution.groups.flatMap((group) => group.candidates),
  };
  deepFreeze(route);
  if (plain) index.routes.set(requestModel, route);
  else {
    if (index.overridden.size >= OVERRIDDEN_ROUTES_MAX) index.overridden = { size: 0, root: {} };
    routeNode(index.overridden, requestModel, overrides, true)!.route = route;
    index.overridden.size += 1;
  }
  return route;
}

/**
 * The ids of the deployments that share a candidate group with another deployment in some route
 * of `catalog`: a logical model's deployments, or the providers listing one plain model name, when
 * they are more than one. A route's groups are these lists (fallbacks and overrides only drop
 * deployments already tried), so no strategy ever orders a deployment missing here against another.
 */
export function comparedDeployments(catalog: RoutingCatalog): ReadonlySet<string> {
  const index = indexCatalog(catalog);
  const compared = new Set<string>();
  const addAll = (ids: Set<string>) => {
    if (ids.size > 1) for (const id of ids) compared.add(id);
  };
  for (const model of index.logical.values()) {
    const ids = new Set<string>();
    for (const deployment of model.deployments) {
      if (index.providers.get(deployment.provider)?.enabled === false) continue;
      const listed = index.listed.get(`${deployment.provider}/${deployment.model}`);
      ids.add(`${deployment.provider}/${listed?.name ?? deployment.model}`);
    }
    addAll(ids);
  }
  for (const listed of index.byModel.values())
    addAll(new Set(listed.map(({ provider, model }) => `${provider}/${model.name}`)));
  return compared;
}

/** A cached route is shared by every call, so nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
