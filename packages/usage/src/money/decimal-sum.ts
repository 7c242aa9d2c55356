import { Decimal, powerOfTen } from './decimal';

const PLAIN_DECIMAL = /^\d+\.\d+$/;

/**
 * A mutable exact running total: adding a million costs allocates nothing per addition beyond the
 * bigint itself. The scale only grows, to the largest scale added so far.
 */
export class DecimalSum {
  private units = 0n;
  private scale = 0;

  add(value: Decimal): this {
    return this.addUnits(value.units, value.scale);
  }

  /**
   * Adds a decimal given as text. Plain `123.456` text (what the ledger stores) is read without
   * building a Decimal; anything else goes through Decimal.from.
   */
  addText(text: string): this {
    const point = text.indexOf('.');
    if (point > 0 && text.charCodeAt(0) !== 45 && PLAIN_DECIMAL.test(text)) {
      const scale = text.length - point - 1;
      return this.addUnits(BigInt(text.slice(0, point) + text.slice(point + 1)), scale);
    }
    return this.add(Decimal.from(text));
  }

  private addUnits(units: bigint, scale: number): this {
    if (scale > this.scale) {
      this.units = this.units * powerOfTen(scale - this.scale) + units;
      this.scale = scale;
    } else {
      this.units += scale === this.scale ? units : units * powerOfTen(this.scale - scale);
    }
    return this;
  }

  addSum(other: DecimalSum): this {
    return this.add(other.value());
  }

  value(): Decimal {
    return Decimal.of(this.units, this.scale);
  }

  isZero(): boolean {
    return this.units === 0n;
  }
}
