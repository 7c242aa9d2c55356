import {
  CircuitBreakerConfigSchema,
  type CircuitBreakerConfig,
  type LLMErrorType,
} from '@llm/core';
import { CIRCUIT_BREAKER_DEFAULTS } from '../defaults/resilience-defaults';

export interface ResolvedCircuitBreakerOptions {
  readonly enabled: boolean;
  readonly failureThreshold: number;
  readonly failureRateThreshold: number;
  readonly minimumCalls: number;
  readonly windowMs: number;
  readonly cooldownMs: number;
  readonly halfOpenMaxCalls: number;
  readonly cooldownMultiplier: number;
  readonly maxCooldownMs: number;
  readonly perModel: boolean;
  readonly countedErrors: ReadonlySet<LLMErrorType>;
}

export function resolveCircuitBreakerOptions(
  input: CircuitBreakerConfig = {},
): ResolvedCircuitBreakerOptions {
  const config = CircuitBreakerConfigSchema.parse(input);
  const defaults = CIRCUIT_BREAKER_DEFAULTS;
  return {
    enabled: config.enabled ?? defaults.enabled,
    failureThreshold: config.failure_threshold ?? defaults.failure_threshold,
    failureRateThreshold: config.failure_rate_threshold ?? defaults.failure_rate_threshold,
    minimumCalls: config.minimum_calls ?? defaults.minimum_calls,
    windowMs: config.window ?? defaults.window,
    cooldownMs: config.cooldown ?? defaults.cooldown,
    halfOpenMaxCalls: config.half_open_max_calls ?? defaults.half_open_max_calls,
    cooldownMultiplier: config.cooldown_multiplier ?? defaults.cooldown_multiplier,
    maxCooldownMs: Math.max(
      config.max_cooldown ?? defaults.max_cooldown,
      config.cooldown ?? defaults.cooldown,
    ),
    perModel: config.per_model ?? defaults.per_model,
    countedErrors: new Set(config.counted_errors ?? defaults.counted_errors),
  };
}
