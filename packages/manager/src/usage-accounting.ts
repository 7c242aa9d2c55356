import type { ILLMProvider, Logger, ModelPricing, TokenUsage, UsageRecord } from '@llm/core';
import { findModelConfig } from '@llm/core';
import type { LLMConfig } from '@llm/config';
import {
  usageRecordFromCall,
  type CallFacts,
  type CostCalculator,
  type UsageTracker,
} from '@llm/usage';

/** Prices usage and writes one ledger record per call: the manager's only accounting code. */
export class UsageAccounting {
  constructor(
    private readonly calculator: CostCalculator,
    private readonly tracker: UsageTracker | undefined,
    private readonly config: () => LLMConfig,
    private readonly logger: Logger,
    private readonly onRecord: (record: UsageRecord) => void = () => {},
  ) {}

  /**
   * Prices from the configuration: a `prices` entry (inline `[llm.prices]` or the price file, which
   * @llm/config already applied to the model) for `provider/model` or `model`, else the model's own
   * `pricing` table. Undefined leaves the catalog to the calculator.
   */
  pricingFor(
    provider: ILLMProvider,
    model: string,
  ): { pricing: ModelPricing; source: 'config' | 'price_file' } | undefined {
    const config = this.config();
    const prices = config.prices ?? {};
    const listed =
      prices[`${provider.name}/${model}`] ?? prices[`${provider.type}/${model}`] ?? prices[model];
    if (listed) return { pricing: listed, source: config.price_file ? 'price_file' : 'config' };
    const modelConfig = findModelConfig(provider.config, model);
    return modelConfig?.pricing ? { pricing: modelConfig.pricing, source: 'config' } : undefined;
  }

  price(
    usage: TokenUsage,
    provider: ILLMProvider,
    model: string,
    operation: 'chat' | 'embedding',
  ): TokenUsage {
    if (!this.config().cost_tracking) return usage;
    const override = this.pricingFor(provider, model);
    return this.calculator.priceUsage(usage, {
      provider: provider.name,
      providerType: provider.type,
      model,
      pricing: override?.pricing,
      pricingSource: override?.source,
      operation,
    });
  }

  /** Records a call; a failing ledger is logged, never turned into a failed call. */
  async record(facts: CallFacts): Promise<void> {
    if (!this.tracker || !this.config().enable_usage_tracking) return;
    const record = usageRecordFromCall(facts);
    try {
      await this.tracker.recordUsage(record);
      this.onRecord(record);
    } catch (error) {
      this.logger.error('usage record could not be written', {
        request_id: facts.requestId,
        error: String(error),
      });
    }
  }
}
