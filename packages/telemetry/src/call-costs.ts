// What a call cost, per currency: the exact amounts of `costs` when the event lists them, else one
// `cost_decimal` (or `cost`) in `currency`.
import type { CallEndEvent } from '@llm/core';

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
  const listed = event.costs;
  if (listed !== undefined) {
    for (const entry of listed) visit(entry.currency, entry.cost_decimal);
    return;
  }
  const amount = event.cost_decimal ?? event.cost;
  if (amount !== undefined && event.currency !== undefined) visit(event.currency, amount);
}
