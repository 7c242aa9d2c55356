import type { UsageRecord } from '@llm/core';

/** A usage record for tests; fields can be overridden. */
export function sampleRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    model_name: 'gpt-4o',
    provider_name: 'openai',
    timestamp: Date.UTC(2026, 6, 24, 10, 30),
    request_id: `req-${Math.random().toString(36).slice(2)}`,
    prompt_tokens: 100,
    completion_tokens: 20,
    total_tokens: 120,
    cost: 0.00045,
    cost_decimal: '0.00045',
    currency: 'USD',
    success: true,
    response_time: 250,
    ...overrides,
  };
}
