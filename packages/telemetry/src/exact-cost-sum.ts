// Costs arrive as exact decimal strings (`cost_decimal`); a running float sum would drift from the
// ledger's total, so they are added as scaled integers and turned into a number only when read.

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Digit strings this short are integers a double holds exactly (below 2^53). */
const SAFE_DIGITS = 15;

/**
 * An exact running sum of non-negative decimal amounts. The sum is `units / 10^scale`: a BigInt,
 * plus `pending` units in a plain number while they stay below 2^53 (exact integer arithmetic, and
 * no BigInt allocated per call), folded into the BigInt before they could pass it.
 */
export class ExactCostSum {
  #units = 0n;
  #pending = 0;
  #scale = 0;

  /** Adds a decimal string (`"0.000125"`) or, when only that is known, a number. */
  add(amount: string | number): void {
    const text = typeof amount === 'number' ? numberText(amount) : amount.trim();
    const match = DECIMAL.exec(text);
    if (!match) return;
    const fraction = match[2] ?? '';
    if (fraction.length > this.#scale) {
      this.#fold();
      this.#units *= 10n ** BigInt(fraction.length - this.#scale);
      this.#scale = fraction.length;
    }
    const digits = match[1]! + fraction.padEnd(this.#scale, '0');
    if (digits.length > SAFE_DIGITS) {
      this.#units += BigInt(digits);
      return;
    }
    const value = Number(digits);
    if (this.#pending > Number.MAX_SAFE_INTEGER - value) this.#fold();
    this.#pending += value;
  }

  #fold(): void {
    if (this.#pending === 0) return;
    this.#units += BigInt(this.#pending);
    this.#pending = 0;
  }

  toString(): string {
    this.#fold();
    if (this.#scale === 0) return this.#units.toString();
    const digits = this.#units.toString().padStart(this.#scale + 1, '0');
    const whole = digits.slice(0, -this.#scale);
    const fraction = digits.slice(-this.#scale).replace(/0+$/, '');
    return fraction === '' ? whole : `${whole}.${fraction}`;
  }

  toNumber(): number {
    return Number(this.toString());
  }
}

function numberText(value: number): string {
  if (!Number.isFinite(value) || value < 0) return '';
  const shortest = String(value);
  if (!shortest.includes('e')) return shortest;
  // Tiny amounts print in exponent notation; 20 fractional digits keep them without it.
  return value.toFixed(20).replace(/\.?0+$/, '');
}
