// For @llm/manager and the CLI: building a pricing target from the configuration, so that a call is
// billed and `llm prices` shows its price through the same resolution.
export { pricingTargetFor, type PricedProvider, type PriceSettings } from './cost/resolve-price';
// For @llm/manager: the most a call can cost (a block budget's reservation), and the code a `sync`
// recordUsage rejects with while the ledger cannot be written (the record is kept and retried).
export { estimateMaximumCallCost } from './cost/cost-calculator';
export { LEDGER_UNWRITABLE, ledgerUnreadableError } from './ledger/ledger-health';
