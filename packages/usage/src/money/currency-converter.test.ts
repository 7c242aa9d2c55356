import { describe, expect, it } from 'vitest';
import { LLMError } from '@llm/core';
import { createCurrencyConverter } from './currency-converter';
import { Decimal } from './decimal';

describe('createCurrencyConverter', () => {
  it('converts with rates given as units per one display unit', () => {
    const converter = createCurrencyConverter({
      displayCurrency: 'USD',
      exchangeRates: { CNY: 7.1 },
    });
    expect(converter.convert(Decimal.from('7.1'), 'CNY', 'USD').toString()).toBe('1');
    expect(converter.convert(Decimal.from('2'), 'USD', 'CNY').toString()).toBe('14.2');
  });

  it('converts between two foreign currencies through the display currency', () => {
    const converter = createCurrencyConverter({
      displayCurrency: 'USD',
      exchangeRates: { CNY: 7, EUR: 0.5 },
    });
    expect(converter.convert(Decimal.from('14'), 'CNY', 'EUR').toString()).toBe('1');
  });

  it('leaves an amount in its own currency untouched', () => {
    const converter = createCurrencyConverter();
    expect(converter.convert(Decimal.from('0.123'), 'usd', 'USD').toString()).toBe('0.123');
  });

  it('throws an error naming the missing rate and how to add it', () => {
    const converter = createCurrencyConverter({ displayCurrency: 'USD' });
    const attempt = () => converter.convert(Decimal.from(1), 'CNY', 'USD');
    expect(attempt).toThrow(LLMError);
    expect(attempt).toThrow(/No exchange rate for CNY.*exchange_rates/);
  });

  it('reports a single-currency total in that currency when no display currency is configured', () => {
    const converter = createCurrencyConverter();
    expect(converter.currencyFor(['CNY', 'CNY'])).toBe('CNY');
    expect(converter.currencyFor(['CNY', 'USD'])).toBe('USD');
    expect(createCurrencyConverter({ displayCurrency: 'cny' }).currencyFor(['USD'])).toBe('CNY');
  });
});
