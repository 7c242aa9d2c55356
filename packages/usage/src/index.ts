// Price catalog
export * from './catalog/catalog-entry';
export {
  createPriceCatalog,
  loadPriceCatalog,
  isPriceCatalogLoaded,
} from './catalog/load-price-catalog';

// Cost
export * from './cost/compute-cost';
export * from './cost/cost-calculator';
export * from './cost/estimate-call-cost';

// Money
export { Decimal } from './money/decimal';
export * from './money/decimal-sum';
export * from './money/currency-converter';

// Ledger
export * from './ledger/usage-record-from-call';
export * from './ledger/usage-tracker';
export * from './ledger/usage-settings';
export { UsageTotals } from './ledger/usage-totals';
export { UsageBucket } from './ledger/usage-bucket';
export { UNTAGGED_GROUP } from './query/usage-grouping';
export * from './store/usage-store';
export * from './store/memory-usage-store';
export { JsonlUsageStore, type JsonlUsageStoreOptions } from './store/jsonl/jsonl-usage-store';
export * from './export/usage-csv';
export type { ExportFormat } from './export/export-usage';

// Budgets
export * from './budget/budget-guard';
export * from './budget/budget-scope';
export * from './budget/budget-period';

// Token estimation lives in @llm/core (providers use it too); re-exported for convenience.
export {
  estimateTextTokens,
  estimateMessageTokens,
  approximateTokens,
  type TokenEstimate,
  type MessageTokenEstimate,
} from '@llm/core';
