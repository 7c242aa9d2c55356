import type { ILLMProvider, Logger, TokenUsage, UsageRecord } from '@llm/core';
import type { LLMConfig } from '@llm/config';
import {
  usageRecordFromCall,
  type CallFacts,
  type CostCalculator,
  type UsageTracker,
} from '@llm/usage';
import { pricingTargetFor } from '@llm/usage/internal';

/** Prices usage and writes one ledger record per call: the manager's only accounting code. */
export class UsageAccounting {
  constructor(
    private readonly calculator: CostCalculator,
    private readonly tracker: UsageTracker | undefined,
    private readonly config: () => LLMConfig,
    private readonly logger: Logger,
    private readonly onRecord: (record: UsageRecord) => void = () => {},
  ) {}

  /** Prices usage as @llm/usage's `resolvePrice` decides (the rule `llm prices` shows). */
  price(
    usage: TokenUsage,
    provider: ILLMProvider,
    model: string,
    operation: 'chat' | 'embedding',
  ): TokenUsage {
    if (!this.config().cost_tracking) return usage;
    return this.calculator.priceUsage(usage, {
      ...pricingTargetFor(provider.config, model, this.config()),
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
