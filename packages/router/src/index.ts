// The public surface of @llm/router: named exports only, grouped by concept.

// Config shapes (zod) and their defaults
export {
  DeploymentSchema,
  LogicalModelSchema,
  ROUTING_DEFAULTS,
  ROUTING_STRATEGIES,
  RoutingSettingsSchema,
  RoutingStrategyNameSchema,
  STREAM_RECOVERY_MODES,
  StreamRecoverySchema,
} from './routing-schemas';
export type {
  Deployment,
  LogicalModel,
  LogicalModelInput,
  RoutingSettings,
  RoutingSettingsInput,
  RoutingStrategyName,
  StreamRecovery,
} from './routing-schemas';

// Candidate resolution
export { resolveCandidates } from './resolve-candidates';
export type {
  Candidate,
  CandidateGroup,
  ResolvedRoute,
  RouteOverrides,
  RoutingCatalog,
  RoutingProvider,
  RoutingProviderModel,
} from './resolve-candidates';

// Strategies and the stats they read
export { createDeploymentStats, createStrategy } from './strategies';
export type {
  DeploymentStats,
  DeploymentStatsView,
  HeadroomFunction,
  OrderContext,
  PriceFunction,
  RoutingStrategy,
  StrategyOptions,
} from './strategies';

// Failure classification
export { DEPLOYMENT_RETRY_DEFAULTS, classifyFailure } from './classify-failure';
export type { DeploymentRetrySettings, FailureAction, FailureContext } from './classify-failure';

// Key pools
export { createKeyPool, keyFingerprint } from './key-pool';
export type { KeyPool, KeyPoolOptions, PooledKey } from './key-pool';

// The router and its call plans
export { createRouter } from './route-plan';
export type {
  DeploymentHealth,
  DeploymentStatus,
  FallbackEvent,
  PlanOptions,
  RouteAttempt,
  RouteEvent,
  RoutePlan,
  RouteReason,
  RouteStep,
  Router,
  RouterEvents,
  RouterOptions,
} from './route-plan';
