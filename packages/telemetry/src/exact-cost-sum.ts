// Costs arrive as exact decimal strings (`cost_decimal`); a running float sum would drift from the
// ledger's total, so they are added as scaled integers and turned into a number only when read.

const ZERO = 48;
const NINE = 57;
const DOT = 46;

/** What `String.prototype.trim` removes that an amount may carry: spaces, tabs, line ends. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff;
}

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
    const text = typeof amount === 'number' ? numberText(amount) : amount;
    // Read in place (no match, no substrings): digits, then optionally a dot and more digits.
    let start = 0;
    let end = text.length;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    let dot = -1;
    for (let index = start; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === DOT && dot === -1) dot = index;
      else if (code < ZERO || code > NINE) return;
    }
    if (dot === start || dot === end - 1 || start === end) return;
    const fractionDigits = dot === -1 ? 0 : end - dot - 1;
    if (fractionDigits > this.#scale) {
      this.#fold();
      this.#units *= 10n ** BigInt(fractionDigits - this.#scale);
      this.#scale = fractionDigits;
    }
    const padding = this.#scale - fractionDigits;
    if ((dot === -1 ? end - start : end - start - 1) + padding > SAFE_DIGITS) {
      const whole = dot === -1 ? text.slice(start, end) : text.slice(start, dot);
      const fraction = dot === -1 ? '' : text.slice(dot + 1, end);
      this.#units += BigInt(whole + fraction + '0'.repeat(padding));
      return;
    }
    // At most SAFE_DIGITS digits: every step is an integer below 2^53, so exact.
    let value = 0;
    for (let index = start; index < end; index++)
      if (index !== dot) value = value * 10 + (text.charCodeAt(index) - ZERO);
    value *= 10 ** padding;
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
