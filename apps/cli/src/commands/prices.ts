import { existsSync } from 'node:fs';
import { findConfigFile, loadConfig } from '@llm/config';
import { findModelConfig, type ModelPricing } from '@llm/core';
import { createCostCalculator, Decimal, perTokenPrices } from '@llm/usage';
import { pricingTargetFor } from '@llm/usage/internal';
import { COMMON_OPTIONS, CommandLineError, type Command } from '../command';
import { renderTable } from '../format/table-output';

const PRICE_ROWS: readonly [keyof ModelPricing, string][] = [
  ['input_price', 'input'],
  ['cached_input_price', 'cached input (cache read)'],
  ['cache_write_price', 'cache write (5 min)'],
  ['cache_write_1h_price', 'cache write (1 h)'],
  ['output_price', 'output'],
  ['reasoning_price', 'reasoning'],
];

export const pricesCommand: Command = {
  name: 'prices',
  summary: 'Show the prices used for a model and where they come from',
  usage: '<model> [--provider p] [--json] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    provider: {
      type: 'string',
      short: 'p',
      valueName: 'name',
      description: 'the provider whose price applies (default: the default provider)',
    },
    json: { type: 'boolean', description: 'print the prices as JSON, with exact per-token prices' },
  },
  positionals: 1,
  async run(args, io) {
    const model = args.positionals[0];
    if (!model) throw new CommandLineError('prices needs a model id, e.g. llm prices gpt-4o');
    const providerName = args.values['provider'] as string | undefined;
    const explicit = typeof args.values['config'] === 'string' ? args.values['config'] : undefined;
    const configFile = findConfigFile({ explicit, env: io.env, cwd: io.cwd });
    const config =
      configFile && existsSync(configFile)
        ? await loadConfig({ configFile, env: io.env, allowMissingVariables: true })
        : undefined;
    // As the manager routes a request without a provider: one that lists the model, else the default.
    const provider =
      config?.providers.find((candidate) => candidate.name === providerName) ??
      (providerName === undefined
        ? (config?.providers.find((candidate) => findModelConfig(candidate, model)) ??
          config?.providers.find((candidate) => candidate.name === config.default_provider))
        : undefined);
    const calculator = createCostCalculator({
      displayCurrency: config?.display_currency,
      exchangeRates: config?.exchange_rates,
    });
    // The same resolution the manager bills with (@llm/usage's resolvePrice).
    const resolved = calculator.resolvePricing(
      pricingTargetFor(provider ?? { name: providerName ?? '' }, model, config),
    );
    if (!resolved) {
      io.stderr(
        `No price known for "${model}": not in the config, the price file, or the catalog. Calls to it are recorded with pricing_missing and no cost.\n`,
      );
      return 1;
    }
    if (args.values['json']) {
      const perToken = perTokenPrices(resolved.pricing);
      io.stdout(`${JSON.stringify({ model, ...resolved, per_token: perToken }, null, 2)}\n`);
      return 0;
    }
    const { pricing, source } = resolved;
    // Shown per million tokens whatever the source's unit, converted exactly (no float drift).
    const perMillion = (price: number) =>
      `${Decimal.from(price)
        .shift(pricing.unit === 'tokens' ? 6 : 0)
        .normalized()
        .toString()} ${pricing.currency}`;
    const rows = PRICE_ROWS.flatMap(([key, label]) => {
      const price = pricing[key];
      return typeof price === 'number' ? [[label, perMillion(price)]] : [];
    });
    for (const tier of pricing.tiers ?? []) {
      rows.push([`input above ${tier.above_tokens} tokens`, perMillion(tier.input_price)]);
      rows.push([`output above ${tier.above_tokens} tokens`, perMillion(tier.output_price)]);
    }
    io.stdout(
      `${model}: prices per 1M tokens, from ${source}\n${renderTable(['kind', 'price'], rows)}\n`,
    );
    return 0;
  },
};
