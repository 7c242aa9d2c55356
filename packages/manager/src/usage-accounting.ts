import type { ILLMProvider, LLMError, Logger, TokenUsage, UsageRecord, UsageTags } from '@llm/core';
import type { LLMConfig } from '@llm/config';
import {
  usageRecordFromCall,
  type BudgetGuard,
  type BudgetReservation,
  type CallFacts,
  type CostCalculator,
  type PricingTarget,
  type ReservableRequest,
  type UsageTracker,
} from '@llm/usage';
import { estimateMaximumCallCost, LEDGER_UNWRITABLE, pricingTargetFor } from '@llm/usage/internal';

const SETTLED: Promise<void> = Promise.resolve();

/** One deployment's pricing targets by operation and model. */
interface DeploymentTargets {
  readonly chat: Map<string, PricingTarget>;
  readonly embedding: Map<string, PricingTarget>;
}

/** What a budget is reserved for: the routed call and its request. */
export interface ReservedCall {
  readonly provider: ILLMProvider;
  readonly model: string;
  readonly request: ReservableRequest;
  readonly operation: 'chat' | 'embedding';
  readonly tags: UsageTags | undefined;
}

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
   * The pricing target of a deployment under one configuration, built once: the calculator
   * resolves each target object once, so prices are looked up once per deployment per reload.
   * Keyed by objects and the model name (no key string is built per call).
   */
  private readonly targets = new WeakMap<
    LLMConfig,
    WeakMap<ILLMProvider['config'], DeploymentTargets>
  >();

  private targetFor(
    config: LLMConfig,
    provider: ILLMProvider,
    model: string,
    operation: 'chat' | 'embedding',
  ): PricingTarget {
    let byProvider = this.targets.get(config);
    if (!byProvider) this.targets.set(config, (byProvider = new WeakMap()));
    // A provider's config object changes when it is rebuilt, so it keys the targets within one config.
    let deployment = byProvider.get(provider.config);
    if (!deployment)
      byProvider.set(provider.config, (deployment = { chat: new Map(), embedding: new Map() }));
    const byModel = deployment[operation];
    let target = byModel.get(model);
    if (!target) {
      target = { ...pricingTargetFor(provider.config, model, config), operation };
      byModel.set(model, target);
    }
    return target;
  }

  /** Prices usage as @llm/usage's `resolvePrice` decides (the rule `llm prices` shows). */
  price(
    usage: TokenUsage,
    provider: ILLMProvider,
    model: string,
    operation: 'chat' | 'embedding',
  ): TokenUsage {
    const config = this.config();
    if (!config.cost_tracking) return usage;
    return this.calculator.priceUsage(usage, this.targetFor(config, provider, model, operation));
  }

  /**
   * Holds the most the call can cost against the block budgets that apply to it (prompt estimate
   * plus its output limit, at the price the call will be billed at), or refuses the call with a
   * `budget_exceeded` / `budget_unpriced` LLMError. Nothing is estimated when no block budget applies.
   */
  async reserve(
    budgets: BudgetGuard | undefined,
    call: ReservedCall,
  ): Promise<BudgetReservation | undefined> {
    if (!budgets) return undefined;
    const target = { provider: call.provider.name, model: call.model, tags: call.tags };
    if (!budgets.blocks(target)) {
      await budgets.check(target);
      return undefined;
    }
    // A provider that sends `default_max_tokens` when a request sets none (Claude) bounds the output by it.
    const fallbackOutput = call.provider.config.default_max_tokens;
    const request =
      'messages' in call.request &&
      call.request.max_tokens === undefined &&
      fallbackOutput !== undefined
        ? { ...call.request, max_tokens: fallbackOutput }
        : call.request;
    const estimate = estimateMaximumCallCost(
      this.calculator,
      request,
      this.targetFor(this.config(), call.provider, call.model, call.operation),
    );
    return budgets.reserve({
      ...target,
      ...(estimate.cost_breakdown?.total_decimal !== undefined && estimate.currency
        ? {
            estimatedCost: {
              amount: estimate.cost_breakdown.total_decimal,
              currency: estimate.currency,
            },
          }
        : { unpriced: true }),
    });
  }

  /**
   * Records a call. A ledger that cannot be written never fails the call: the tracker keeps the
   * record in memory, retries it and reports the problem once (`ledger-degraded`). One promise
   * step per record (no async function of its own): it runs on every call.
   */
  record(facts: CallFacts): Promise<void> {
    if (!this.tracker || !this.config().enable_usage_tracking) return SETTLED;
    const record = usageRecordFromCall(facts);
    let added: Promise<void>;
    try {
      added = this.tracker.recordUsage(record);
    } catch (error) {
      this.notRecorded(facts, record, error);
      return SETTLED;
    }
    return added.then(
      () => this.recorded(facts, record),
      (error: unknown) => this.notRecorded(facts, record, error),
    );
  }

  private recorded(facts: CallFacts, record: UsageRecord): void {
    try {
      this.onRecord(record);
    } catch (error) {
      this.notRecorded(facts, record, error);
    }
  }

  private notRecorded(facts: CallFacts, record: UsageRecord, error: unknown): void {
    if ((error as LLMError | undefined)?.code === LEDGER_UNWRITABLE) {
      this.onRecord(record);
      return;
    }
    this.logger.error('usage record could not be written', {
      request_id: facts.requestId,
      error: String(error),
    });
  }
}
