import { describe, expect, it } from 'vitest';
import { UsageRecordSchema } from '@llm/core';
import { createCostCalculator } from '../cost/cost-calculator';
import { usageRecordFromCall } from './usage-record-from-call';

const calculator = createCostCalculator();
const base = {
  provider: 'openai',
  model: 'gpt-4o',
  requestId: 'req-1',
  timestamp: 1_753_315_200_000,
  responseTime: 842,
};

describe('usageRecordFromCall', () => {
  it('keeps the priced usage with the exact cost beside the display cost', () => {
    const usage = calculator.priceUsage(
      { prompt_tokens: 1_200, completion_tokens: 300, total_tokens: 1_500, cached_tokens: 1_024 },
      { provider: 'openai', model: 'gpt-4o' },
    );
    const record = usageRecordFromCall({
      ...base,
      usage,
      success: true,
      stream: true,
      operation: 'chat',
      providerRequestId: 'chatcmpl-9',
      attempts: 2,
      tags: { user: 'ada' },
    });
    expect(UsageRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      model_name: 'gpt-4o',
      provider_name: 'openai',
      request_id: 'req-1',
      prompt_tokens: 1_200,
      cached_tokens: 1_024,
      cost_decimal: '0.00472', // 176 × 2.5e-6 + 1024 × 1.25e-6 + 300 × 1e-5
      currency: 'USD',
      success: true,
      stream: true,
      provider_request_id: 'chatcmpl-9',
      attempts: 2,
      tags: { user: 'ada' },
    });
    expect(record.cost).toBe(0.00472);
  });

  it('records a failed call without usage as zero tokens and no cost', () => {
    const record = usageRecordFromCall({
      ...base,
      success: false,
      errorType: 'rate_limit',
      errorMessage: 'Rate limit reached',
    });
    expect(record).toMatchObject({
      success: false,
      error_type: 'rate_limit',
      prompt_tokens: 0,
      total_tokens: 0,
    });
    expect(record.cost).toBeUndefined();
  });

  it('keeps the usage an aborted stream had produced, and its estimated flag', () => {
    const usage = calculator.priceUsage(
      { prompt_tokens: 50, completion_tokens: 7, total_tokens: 57, estimated: true },
      { provider: 'openai', model: 'gpt-4o' },
    );
    const record = usageRecordFromCall({
      ...base,
      usage,
      success: false,
      errorType: 'timeout',
      stream: true,
    });
    expect(record).toMatchObject({
      completion_tokens: 7,
      estimated: true,
      error_type: 'timeout',
      cost_decimal: '0.000195',
    });
  });

  it('keeps pricing_missing instead of a cost for an unpriced model', () => {
    const usage = createCostCalculator({ catalog: false }).priceUsage(
      { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
      { provider: 'local', model: 'x' },
    );
    const record = usageRecordFromCall({ ...base, usage, success: true });
    expect(record.pricing_missing).toBe(true);
    expect(record).not.toHaveProperty('cost');
  });

  it('shortens long error messages to 500 characters', () => {
    expect(
      usageRecordFromCall({ ...base, success: false, errorMessage: 'x'.repeat(2_000) })
        .error_message,
    ).toHaveLength(500);
  });
});
