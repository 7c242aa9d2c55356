import { createCostCalculator, createUsageTracker, usageRecordFromCall } from '../src/index';

export async function recordAndSummarize(dataDir: string) {
  const calculator = createCostCalculator({ displayCurrency: 'USD' });
  await using tracker = createUsageTracker({ dataDir, settings: { durability: 'batched' } });

  const usage = calculator.priceUsage(
    { prompt_tokens: 12_000, completion_tokens: 800, total_tokens: 12_800, cached_tokens: 8_192 },
    { provider: 'openai', model: 'gpt-4o' },
  );
  await tracker.recordUsage(
    usageRecordFromCall({
      provider: 'openai',
      model: 'gpt-4o',
      requestId: 'req-1',
      timestamp: Date.now(),
      responseTime: 930,
      usage,
      success: true,
      tags: { user: 'ada' },
    }),
  );
  console.log(usage.cost_breakdown); // { input: 0.00952, cached_input: 0.01024, output: 0.008, total_decimal: '0.02776', price_source: 'catalog', … }
  return tracker.getUsageSummary({ group_by: 'tag:user' }); // [{ group: 'ada', total_cost_decimal: '0.02776', … }]
}
