import { describe, expect, it } from 'vitest';
import { Decimal, DecimalSum } from './decimal';

describe('Decimal', () => {
  it.each([
    ['0.0000025', '0.0000025'],
    ['3e-7', '0.0000003'],
    ['1.25E-7', '0.000000125'],
    ['12.500', '12.5'],
    ['-0.5', '-0.5'],
    ['7', '7'],
    ['1e3', '1000'],
  ])('reads %s as %s', (text, expected) => {
    expect(Decimal.from(text).toString()).toBe(expected);
  });

  it('reads a JS number at its shortest round-trip text', () => {
    expect(Decimal.from(0.1).toString()).toBe('0.1');
    expect(Decimal.from(2.8e-8).toString()).toBe('0.000000028');
  });

  it('rejects text that is not a decimal number', () => {
    expect(() => Decimal.from('abc')).toThrow(SyntaxError);
    expect(() => Decimal.from('.')).toThrow(SyntaxError);
    expect(() => Decimal.from(Number.NaN)).toThrow(RangeError);
  });

  it('adds exactly where floating point does not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(Decimal.from('0.1').plus(Decimal.from('0.2')).toString()).toBe('0.3');
  });

  it('multiplies a per-token price by a token count exactly', () => {
    expect(Decimal.from(1.25e-7).times(123_456_789).toString()).toBe('15.432098625');
  });

  it('turns a per-million price into a per-token price by shifting', () => {
    expect(Decimal.from(2.5).shift(-6).toString()).toBe('0.0000025');
  });

  it('divides rounding half to even at 18 places', () => {
    expect(Decimal.from(1).dividedBy(Decimal.from(3)).toString()).toBe('0.333333333333333333');
    expect(Decimal.from('0.5').dividedBy(Decimal.from(1), 0).toString()).toBe('0');
    expect(Decimal.from('1.5').dividedBy(Decimal.from(1), 0).toString()).toBe('2');
    expect(Decimal.from('-2.5').dividedBy(Decimal.from(1), 0).toString()).toBe('-2');
  });

  it('compares values of different scales', () => {
    expect(Decimal.from('1.50').compare(Decimal.from('1.5'))).toBe(0);
    expect(Decimal.from('0.001').compare(Decimal.from('0.01'))).toBe(-1);
  });

  it('sums random costs to exactly the bigint sum of their units (property)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const sum = new DecimalSum();
    let expected = 0n;
    for (let i = 0; i < 20_000; i++) {
      const units = BigInt(random());
      const scale = random() % 20;
      sum.add(Decimal.of(units, scale));
      expected += units * 10n ** BigInt(19 - scale);
    }
    expect(sum.value().toString()).toBe(Decimal.of(expected, 19).toString());
  });
});

describe('DecimalSum', () => {
  it('adds decimal text in plain and exponent notation alike', () => {
    const sum = new DecimalSum().addText('0.25').addText('1e-3').addText('-0.5').addText('2');
    expect(sum.value().toString()).toBe('1.751');
  });

  it('adds other sums of a different scale', () => {
    const sum = new DecimalSum().addText('1.5');
    sum.addSum(new DecimalSum().addText('0.000001'));
    expect(sum.value().toString()).toBe('1.500001');
  });
});
