import * as z from './zod-subset';

export const ValidationIssueSchema = z.object({
  /** Dotted path of the offending field, e.g. `messages.0.content` or `max_tokens`. */
  field: z.string(),
  message: z.string(),
  /** A stable name for the problem where callers act on it, e.g. `model_not_configured`. */
  code: z.string().optional(),
});
export type ValidationIssue = z.output<typeof ValidationIssueSchema>;

export const ValidationResultSchema = z.object({
  valid: z.boolean(),
  errors: z.array(ValidationIssueSchema),
});
export type ValidationResult = z.output<typeof ValidationResultSchema>;

const HealthProbeSchema = z.object({
  healthy: z.boolean(),
  /** The time the check really took, in ms. */
  latency_ms: z.number().nonnegative().optional(),
  /** Why it failed: the error's message and type. */
  error: z.string().optional(),
});

export const ProviderHealthSchema = HealthProbeSchema.extend({
  /** `closed`, `open` or `half_open` when a circuit breaker guards the provider. */
  circuit_state: z.string().optional(),
  /** A deep check's one-token chat call, to `model`. */
  chat: HealthProbeSchema.extend({ model: z.string().optional() }).optional(),
});
export type ProviderHealth = z.output<typeof ProviderHealthSchema>;

/** One deployment (provider + model) as routing sees it. */
export const DeploymentHealthReportSchema = HealthProbeSchema.extend({
  provider: z.string(),
  model: z.string(),
  /** The deployment's own circuit breaker (the provider's when breakers are per provider). */
  circuit_state: z.string(),
  /** The last failure of a call or a check on this deployment: its type and message. */
  last_error: z.string().optional(),
  /** When the last failure happened (epoch ms). */
  last_error_at: z.number().optional(),
});
export type DeploymentHealthReport = z.output<typeof DeploymentHealthReportSchema>;

export const HealthStatusSchema = z.object({
  healthy: z.boolean(),
  timestamp: z.number(),
  providers: z.record(z.string(), ProviderHealthSchema),
  /** Per deployment (`provider/model`): healthy when its provider answers and its circuit is not open. */
  deployments: z.record(z.string(), DeploymentHealthReportSchema).optional(),
});
export type HealthStatus = z.output<typeof HealthStatusSchema>;

export const ProviderInfoSchema = z.object({
  name: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  is_default: z.boolean(),
  models: z.array(z.string()),
  base_url: z.string().optional(),
});
export type ProviderInfo = z.output<typeof ProviderInfoSchema>;

export const ModelInfoSchema = z.object({
  id: z.string(),
  owned_by: z.string().optional(),
  created: z.number().optional(),
  display_name: z.string().optional(),
});
export type ModelInfo = z.output<typeof ModelInfoSchema>;
