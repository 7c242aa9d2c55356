// What a call cost, per currency, however the emitter states it: one `cost_decimal` (or `cost`) in
// `currency`, or a list of exact amounts per currency (`costs`, or `cost` itself as that list).
import type { CallEndEvent, CurrencyAmount } from '@llm/core';

/** An amount as the emitter gave it: an exact decimal string, or a number when only that is known. */
export type CostAmount = string | number;

/**
 * Calls `visit` once per currency the call was priced in, with its amount (the exact decimal when
 * the event has one). Nothing is allocated for the common single-currency event.
 */
export function forEachCost(
  event: CallEndEvent,
  visit: (currency: string, amount: CostAmount) => void,
): void {
  const listed =
    event.costs ?? (Array.isArray(event.cost) ? (event.cost as CurrencyAmount[]) : undefined);
  if (listed !== undefined) {
    for (const entry of listed) visit(entry.currency, entry.amount);
    return;
  }
  const amount = event.cost_decimal ?? event.cost;
  if (amount !== undefined && event.currency !== undefined) visit(event.currency, amount);
}
