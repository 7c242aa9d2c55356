// Prices: the catalog, the one price-resolution rule, exact costs
export {
  createPriceCatalog,
  loadPriceCatalog,
  type CatalogEntry,
  type CatalogLookupOptions,
  type CatalogMatchRule,
  type CatalogMode,
  type PriceCatalog,
} from './catalog/price-catalog';
export {
  resolvePrice,
  type ConfiguredPrices,
  type PriceSource,
  type PricingTarget,
  type ResolvedPricing,
} from './cost/resolve-price';
export {
  computeCost,
  perTokenPrices,
  type CostOperation,
  type ExactCostBreakdown,
  type PerTokenPrices,
} from './cost/compute-cost';
export {
  createCostCalculator,
  estimateCallCost,
  type CostCalculator,
  type CostCalculatorOptions,
  type PricingMissingStats,
  type ReservableRequest,
} from './cost/cost-calculator';

// Money
export { Decimal } from './money/decimal';
export {
  createCurrencyConverter,
  type CurrencyConverter,
  type CurrencyOptions,
} from './money/currency-converter';

// Ledger
export {
  USAGE_RECORD_LIMITS,
  usageRecordFromCall,
  type CallFacts,
} from './ledger/usage-record-from-call';
export {
  createUsageTracker,
  UsageTracker,
  type CostQueryOptions,
  type CostTotal,
  type UsageTrackerEvents,
  type UsageTrackerOptions,
  type UsageTrackerStats,
} from './ledger/usage-tracker';
export { DEFAULT_USAGE_SETTINGS, type ResolvedUsageSettings } from './ledger/usage-tracker';
export type { LoggedCall } from './ledger/usage-tracker';
export type { CallContentInput, CallLogEntry } from './ledger/call-log';
export { LEDGER_UNREADABLE, type LedgerHealth, type LedgerProblem } from './ledger/ledger-health';
export { UNTAGGED_GROUP } from './query/summarize-usage';
export type {
  BucketQuery,
  CleanupOptions,
  CleanupResult,
  CorruptLineReport,
  TornLineReport,
  UsageStore,
  UsageStoreEvents,
} from './store/usage-store';
export { MemoryUsageStore } from './store/memory-usage-store';
export { JsonlUsageStore, type JsonlUsageStoreOptions } from './store/jsonl/jsonl-usage-store';
export { USAGE_CSV_COLUMNS } from './export/export-usage';
export type { ExportFormat } from './export/export-usage';

// Budgets
export {
  BUDGET_EXCEEDED,
  BUDGET_UNPRICED,
  BudgetGuard,
  createBudgetGuard,
  type BudgetCheckTarget,
  type BudgetConfigInput,
  type BudgetGuardEvents,
  type BudgetGuardOptions,
  type BudgetReservation,
  type BudgetSpendingSource,
  type BudgetStatus,
} from './budget/budget-guard';
export type { BudgetTarget } from './budget/budget-guard';
export type { BudgetWindow } from './budget/budget-guard';
