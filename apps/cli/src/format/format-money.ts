/** A cost for people: enough decimals to show sub-cent amounts, and the currency code. */
export function formatMoney(amount: number | undefined, currency = 'USD'): string {
  if (amount === undefined) return 'n/a';
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 6 : 4;
  return `${amount.toFixed(digits)} ${currency}`;
}
