// Costs arrive as exact decimal strings (`cost_decimal`); a running float sum would drift from the
// ledger's total, so they are added as scaled integers and turned into a number only when read.

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** An exact running sum of non-negative decimal amounts. */
export class ExactCostSum {
  #units = 0n;
  #scale = 0;

  /** Adds a decimal string (`"0.000125"`) or, when only that is known, a number. */
  add(amount: string | number): void {
    const text = typeof amount === 'number' ? numberText(amount) : amount.trim();
    const match = DECIMAL.exec(text);
    if (!match) return;
    const fraction = match[2] ?? '';
    if (fraction.length > this.#scale) {
      this.#units *= 10n ** BigInt(fraction.length - this.#scale);
      this.#scale = fraction.length;
    }
    this.#units += BigInt(match[1]! + fraction.padEnd(this.#scale, '0'));
  }

  toString(): string {
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
