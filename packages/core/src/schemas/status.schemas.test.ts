import { describe, expect, it } from 'vitest';
import {
  HealthStatusSchema,
  ModelInfoSchema,
  ProviderInfoSchema,
  ValidationResultSchema,
} from './status';

describe('status schemas', () => {
  it('accepts a health status with a deep check and a failing provider that keeps its reason', () => {
    const status = {
      healthy: false,
      timestamp: 1_700_000_000_000,
      providers: {
        openai: {
          healthy: true,
          latency_ms: 12,
          circuit_state: 'closed',
          chat: { healthy: true, latency_ms: 40, model: 'gpt-4o-mini' },
        },
        claude: { healthy: false, latency_ms: 5000, error: 'no answer within 5000 ms' },
      },
    };
    expect(HealthStatusSchema.parse(status)).toEqual(status);
  });

  it('refuses a negative latency, naming where it is', () => {
    const result = HealthStatusSchema.safeParse({
      healthy: true,
      timestamp: 0,
      providers: { openai: { healthy: true, latency_ms: -1 } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['providers', 'openai', 'latency_ms']);
  });

  it('requires the facts a provider listing and a model listing carry', () => {
    expect(
      ProviderInfoSchema.safeParse({ name: 'openai', type: 'openai', enabled: true, models: [] })
        .success,
    ).toBe(false);
    expect(ModelInfoSchema.parse({ id: 'gpt-4o', owned_by: 'openai' })).toEqual({
      id: 'gpt-4o',
      owned_by: 'openai',
    });
    expect(
      ValidationResultSchema.parse({
        valid: false,
        errors: [{ field: 'model', message: 'required' }],
      }),
    ).toMatchObject({ valid: false, errors: [{ field: 'model' }] });
  });
});
