const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const powers: bigint[] = [1n];

/** 10^exponent as a bigint (cached: sums align scales millions of times). */
export function powerOfTen(exponent: number): bigint {
  for (let next = powers.length; next <= exponent; next++) powers.push(powers[next - 1]! * 10n);
  return powers[exponent]!;
}

/**
 * An exact decimal number: `units × 10^-scale` with a bigint `units`. All cost arithmetic uses it;
 * only division (currency conversion) rounds, half to even, at `DIVISION_SCALE` places.
 */
export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly DIVISION_SCALE = 18;

  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  /** From a decimal string (`0.0000025`, `3e-7`), an integer, or a JS number taken at its shortest round-trip text. */
  static from(value: string | number | bigint | Decimal): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
      if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER)
        return new Decimal(BigInt(value), 0);
      return Decimal.parse(String(value));
    }
    return Decimal.parse(value);
  }

  static of(units: bigint, scale: number): Decimal {
    return scale >= 0 ? new Decimal(units, scale) : new Decimal(units * powerOfTen(-scale), 0);
  }

  private static parse(text: string): Decimal {
    const match = DECIMAL_TEXT.exec(text.trim());
    if (!match || (match[2] === '' && (match[3] ?? '') === ''))
      throw new SyntaxError(`Not a decimal number: "${text}"`);
    const fraction = match[3] ?? '';
    const digits = BigInt((match[2] ?? '') + fraction || '0');
    const scale = fraction.length - Number(match[4] ?? 0);
    return Decimal.of(match[1] === '-' ? -digits : digits, scale);
  }

  plus(other: Decimal): Decimal {
    if (this.scale === other.scale) return new Decimal(this.units + other.units, this.scale);
    if (this.scale > other.scale)
      return new Decimal(
        this.units + other.units * powerOfTen(this.scale - other.scale),
        this.scale,
      );
    return new Decimal(
      this.units * powerOfTen(other.scale - this.scale) + other.units,
      other.scale,
    );
  }

  minus(other: Decimal): Decimal {
    return this.plus(other.negated());
  }

  negated(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  times(other: Decimal | number | bigint): Decimal {
    const factor = other instanceof Decimal ? other : Decimal.from(other);
    return new Decimal(this.units * factor.units, this.scale + factor.scale);
  }

  /** Multiplies by 10^exponent exactly (e.g. `-6` turns a per-million price into a per-token one). */
  shift(exponent: number): Decimal {
    return Decimal.of(this.units, this.scale - exponent);
  }

  /** `this / divisor`, rounded half to even at `scale` places. */
  dividedBy(divisor: Decimal, scale = Decimal.DIVISION_SCALE): Decimal {
    if (divisor.units === 0n) throw new RangeError('Division by zero');
    // (u1/10^s1) / (u2/10^s2) = u1 * 10^(scale - s1 + s2) / u2, in units of 10^-scale.
    const exponent = scale - this.scale + divisor.scale;
    let numerator = exponent >= 0 ? this.units * powerOfTen(exponent) : this.units;
    let denominator = exponent >= 0 ? divisor.units : divisor.units * powerOfTen(-exponent);
    if (denominator < 0n) {
      numerator = -numerator;
      denominator = -denominator;
    }
    let quotient = numerator / denominator;
    const twiceRemainder = (numerator % denominator) * 2n;
    const magnitude = twiceRemainder < 0n ? -twiceRemainder : twiceRemainder;
    if (magnitude > denominator || (magnitude === denominator && quotient % 2n !== 0n))
      quotient += numerator < 0n ? -1n : 1n;
    return new Decimal(quotient, scale).normalized();
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const difference = this.minus(other).units;
    return difference === 0n ? 0 : difference < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  /** The same value without trailing fractional zeros. */
  normalized(): Decimal {
    let { units, scale } = this;
    if (units === 0n) return Decimal.ZERO;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale -= 1;
    }
    return units === this.units ? this : new Decimal(units, scale);
  }

  /** Plain decimal notation, never exponent form, no trailing zeros: `0.0000125`, `12`, `-3.5`. */
  toString(): string {
    const { units, scale } = this.normalized();
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString();
    if (scale === 0) return negative ? `-${digits}` : digits;
    const padded = digits.padStart(scale + 1, '0');
    const text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
    return negative ? `-${text}` : text;
  }

  /** The nearest JS number, for display only. */
  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }
}

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
