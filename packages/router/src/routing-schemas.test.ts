import { describe, expect, it } from 'vitest';
import {
  DeploymentSchema,
  LogicalModelSchema,
  ROUTING_DEFAULTS,
  RoutingSettingsSchema,
} from './routing-schemas';

describe('routing schemas', () => {
  it('fills [llm.routing] with its defaults: priority, 6 attempts, 60 s, error, 60 s key cooldown', () => {
    expect(RoutingSettingsSchema.parse({})).toEqual({
      strategy: 'priority',
      max_attempts: 6,
      deadline: 60_000,
      stream_recovery: 'error',
      key_cooldown: 60_000,
    });
    expect(RoutingSettingsSchema.parse({})).toEqual(ROUTING_DEFAULTS);
  });

  it('parses a logical model with weighted deployments and both kinds of fallbacks', () => {
    const fast = LogicalModelSchema.parse({
      name: 'fast',
      strategy: 'weighted',
      deployments: [
        { provider: 'openai', model: 'gpt-4o-mini', weight: 3 },
        { provider: 'azure', model: 'gpt-4o-mini', weight: 1, key_pool: 'azure-east' },
      ],
      fallbacks: ['claude/claude-haiku-4-5-20251001'],
      context_window_fallbacks: ['gpt-4.1'],
      stream_recovery: 'restart',
    });
    expect(fast.deployments[1]).toEqual({
      provider: 'azure',
      model: 'gpt-4o-mini',
      weight: 1,
      key_pool: 'azure-east',
    });
    expect(LogicalModelSchema.parse({ name: 'bare' })).toEqual({
      name: 'bare',
      deployments: [],
      fallbacks: [],
      context_window_fallbacks: [],
    });
  });

  it('rejects unknown keys, unknown strategies and non-positive weights', () => {
    expect(RoutingSettingsSchema.safeParse({ strategy: 'fastest' }).success).toBe(false);
    expect(RoutingSettingsSchema.safeParse({ max_attempt: 3 }).success).toBe(false);
    expect(RoutingSettingsSchema.safeParse({ max_attempts: 0 }).success).toBe(false);
    expect(
      DeploymentSchema.safeParse({ provider: 'openai', model: 'gpt-4o', weight: 0 }).success,
    ).toBe(false);
    expect(LogicalModelSchema.safeParse({ name: 'x', stream_recovery: 'retry' }).success).toBe(
      false,
    );
  });
});
