// For @llm/manager and the CLI: building a pricing target from the configuration, so that a call is
// billed and `llm prices` shows its price through the same resolution.
export { pricingTargetFor, type PricedProvider, type PriceSettings } from './cost/resolve-price';
