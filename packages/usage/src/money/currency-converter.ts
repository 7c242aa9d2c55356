import { LLMError } from '@llm/core';
import { Decimal } from './decimal';

export interface CurrencyOptions {
  /** The currency totals are shown in. Unset: a total in one currency stays in it; mixed totals use USD. */
  displayCurrency?: string;
  /** Units of each currency that one unit of the display currency buys (core CurrencySettingsSchema). */
  exchangeRates?: Readonly<Record<string, number>>;
}

export const DEFAULT_CURRENCY = 'USD';

/** Converts amounts between currencies with one rate table relative to the display currency. */
export interface CurrencyConverter {
  /** The configured display currency, or undefined when none was configured. */
  readonly displayCurrency: string | undefined;
  /** `amount` in `from` expressed in `to` (rounded half to even at 18 places when a rate applies). */
  convert(amount: Decimal, from: string, to: string): Decimal;
  /** The currency a total made of `currencies` is reported in. */
  currencyFor(currencies: Iterable<string>): string;
}

function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

export function createCurrencyConverter(options: CurrencyOptions = {}): CurrencyConverter {
  const display = options.displayCurrency ? normalizeCode(options.displayCurrency) : undefined;
  const base = display ?? DEFAULT_CURRENCY;
  const rates = new Map<string, Decimal>();
  for (const [code, rate] of Object.entries(options.exchangeRates ?? {}))
    rates.set(normalizeCode(code), Decimal.from(rate));
  rates.set(base, Decimal.from(1));

  const rateOf = (code: string): Decimal => {
    const rate = rates.get(code);
    if (rate) return rate;
    throw new LLMError({
      type: 'invalid_request',
      retryable: false,
      message:
        `No exchange rate for ${code} (display currency ${base}): add it to [llm.usage] exchange_rates, ` +
        `e.g. exchange_rates = { ${code} = <units of ${code} per 1 ${base}> }.`,
    });
  };

  return {
    displayCurrency: display,
    convert(amount, from, to) {
      const source = normalizeCode(from);
      const target = normalizeCode(to);
      if (source === target || amount.isZero()) return amount;
      return amount.times(rateOf(target)).dividedBy(rateOf(source));
    },
    currencyFor(currencies) {
      if (display) return display;
      const distinct = new Set<string>();
      for (const code of currencies) distinct.add(normalizeCode(code));
      return distinct.size === 1 ? [...distinct][0]! : DEFAULT_CURRENCY;
    },
  };
}
