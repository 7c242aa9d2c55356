import * as z from '@llm/core/zod';

/** The routing strategies, in the order the README describes them. */
export const ROUTING_STRATEGIES = [
  'priority',
  'round_robin',
  'weighted',
  'random',
  'least_latency',
  'least_busy',
  'cheapest',
  'usage_based',
] as const;
export type RoutingStrategyName = (typeof ROUTING_STRATEGIES)[number];

/** What a stream does when it fails after its first chunk reached the caller. */
export const STREAM_RECOVERY_MODES = ['error', 'restart', 'buffer'] as const;
export type StreamRecovery = (typeof STREAM_RECOVERY_MODES)[number];

export const RoutingStrategyNameSchema = z.enum(ROUTING_STRATEGIES);
export const StreamRecoverySchema = z.enum(STREAM_RECOVERY_MODES);

/** One place a logical model can be served: a provider and the model name it lists. */
export const DeploymentSchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  /** Relative share under the `weighted` strategy (default 1). */
  weight: z.number().positive().optional(),
  /** The key pool this deployment draws its API keys from (default: the provider's name). */
  key_pool: z.string().min(1).optional(),
});
export type Deployment = z.infer<typeof DeploymentSchema>;

/** `[llm.models.<name>]`: a name requests may use, served by its deployments, then its fallbacks. */
export const LogicalModelSchema = z.strictObject({
  name: z.string().min(1),
  strategy: RoutingStrategyNameSchema.optional(),
  deployments: z.array(DeploymentSchema).default([]),
  /** Logical model names or `provider/model` pairs, tried in order after the deployments. */
  fallbacks: z.array(z.string().min(1)).default([]),
  /** Tried when the prompt does not fit the context window of the model that refused it. */
  context_window_fallbacks: z.array(z.string().min(1)).default([]),
  stream_recovery: StreamRecoverySchema.optional(),
});
export type LogicalModel = z.infer<typeof LogicalModelSchema>;
export type LogicalModelInput = z.input<typeof LogicalModelSchema>;

/** The defaults of `[llm.routing]`, stated once. Durations are milliseconds. */
export const ROUTING_DEFAULTS = {
  strategy: 'priority',
  max_attempts: 6,
  deadline: 60_000,
  stream_recovery: 'error',
  key_cooldown: 60_000,
} as const satisfies {
  strategy: RoutingStrategyName;
  max_attempts: number;
  deadline: number;
  stream_recovery: StreamRecovery;
  key_cooldown: number;
};

/** `[llm.routing]`: bounds of one whole call across every deployment and fallback. */
export const RoutingSettingsSchema = z.strictObject({
  strategy: RoutingStrategyNameSchema.default(ROUTING_DEFAULTS.strategy),
  /** Total attempts of one call across every deployment and fallback. */
  max_attempts: z.number().int().positive().default(ROUTING_DEFAULTS.max_attempts),
  /** One call never takes longer than this, whatever retries remain. */
  deadline: z.number().int().positive().default(ROUTING_DEFAULTS.deadline),
  stream_recovery: StreamRecoverySchema.default(ROUTING_DEFAULTS.stream_recovery),
  /** How long a key that got 401, 403 or an insufficient_quota 429 is benched. */
  key_cooldown: z.number().int().nonnegative().default(ROUTING_DEFAULTS.key_cooldown),
  /**
   * Background health checks: every this many ms each deployment is checked, and one that failed
   * its last check is skipped while another is available. Unset: no background checks.
   */
  health_check_interval: z.number().int().positive().optional(),
});
export type RoutingSettings = z.infer<typeof RoutingSettingsSchema>;
export type RoutingSettingsInput = z.input<typeof RoutingSettingsSchema>;
