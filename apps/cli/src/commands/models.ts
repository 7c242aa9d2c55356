import type { LLMConfig } from '@llm/config';
import { LLMError, type LLMModelConfig, type LLMProviderConfig } from '@llm/core';
import { createCostCalculator, Decimal, loadPriceCatalog, type PriceCatalog } from '@llm/usage';
import { pricingTargetFor } from '@llm/usage/internal';
import { COMMON_OPTIONS, CommandLineError, type CliIO, type Command } from '../command';
import { withLedger, withManager } from '../command-context';
import { stdoutColors } from '../format/colors';
import { renderTable } from '../format/table-output';

interface ModelRow {
  provider: string;
  model: string;
  /** `config` for a listed model, `remote` for one only the provider listed. */
  listed: 'config' | 'remote';
  context_window?: number;
  /** Per million tokens, in the price's currency. */
  input_price?: string;
  output_price?: string;
  currency?: string;
  price_source?: string;
  capabilities: string[];
}

/** Config flags first, then the catalog's (`vision`, `function_calling`, …). */
function capabilitiesOf(model: LLMModelConfig | undefined, catalog: readonly string[]): string[] {
  const flags: [boolean | undefined, string][] = [
    [model?.supports_vision, 'vision'],
    [model?.supports_tools, 'function_calling'],
    [model?.supports_json_mode, 'json_mode'],
  ];
  const fromConfig = flags.filter(([value]) => value === true).map(([, name]) => name);
  const off = new Set(flags.filter(([value]) => value === false).map(([, name]) => name));
  return [...new Set([...fromConfig, ...catalog.filter((name) => !off.has(name))])];
}

function rowFor(
  provider: LLMProviderConfig,
  name: string,
  listed: ModelRow['listed'],
  config: LLMConfig,
  catalog: PriceCatalog,
  resolve: ReturnType<typeof createCostCalculator>['resolvePricing'],
): ModelRow {
  const model = provider.models.find((candidate) => candidate.name === name);
  const wireId = model?.model_id ?? name;
  const entry = catalog.lookup(wireId, { provider: provider.preset ?? provider.type });
  // The price the manager bills with: @llm/usage's one resolution rule.
  const resolved = resolve(pricingTargetFor(provider, name, config));
  // Per million tokens whatever the source's unit, converted exactly (no float drift).
  const perMillion = (price: number | undefined) =>
    price === undefined
      ? undefined
      : Decimal.from(price)
          .shift(resolved?.pricing.unit === 'tokens' ? 6 : 0)
          .normalized()
          .toString();
  return {
    provider: provider.name,
    model: name,
    listed,
    context_window: model?.context_window ?? entry?.maxInputTokens,
    input_price: perMillion(resolved?.pricing.input_price),
    output_price: perMillion(resolved?.pricing.output_price),
    currency: resolved?.pricing.currency,
    price_source: resolved?.source,
    capabilities: capabilitiesOf(model, entry?.capabilities ?? []),
  };
}

async function remoteModels(io: CliIO, args: Parameters<Command['run']>[0], only?: string) {
  return withManager(args, io, async (manager) => {
    const lists = only ? await manager.listModels(only) : await manager.listModels();
    const failures: string[] = [];
    const byProvider = new Map<string, string[]>();
    for (const [provider, list] of Object.entries(lists)) {
      if (!Array.isArray(list)) {
        failures.push(`${provider}: ${LLMError.is(list.error) ? list.error.message : 'failed'}`);
        continue;
      }
      byProvider.set(
        provider,
        list.map((model) => model.id),
      );
    }
    return { byProvider, failures };
  });
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'List the configured models (and with --remote the providers’ own lists)',
  usage: '[--provider p] [--remote] [--json] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    provider: { type: 'string', short: 'p', valueName: 'name', description: 'only this provider' },
    remote: {
      type: 'boolean',
      description: 'also ask each provider for the models it serves (a network call per provider)',
    },
    json: { type: 'boolean', description: 'print the models as JSON' },
  },
  positionals: 0,
  async run(args, io) {
    const only = args.values['provider'] as string | undefined;
    const remote = args.values['remote'] === true ? await remoteModels(io, args, only) : undefined;
    return withLedger(args, io, async (_tracker, config) => {
      if (only !== undefined && !config.providers.some((provider) => provider.name === only))
        throw new CommandLineError(
          `Provider "${only}" is not configured (available: ${config.providers.map((provider) => provider.name).join(', ') || 'none'})`,
        );
      const catalog = loadPriceCatalog();
      const calculator = createCostCalculator({
        displayCurrency: config.display_currency,
        exchangeRates: config.exchange_rates,
      });
      const resolve = calculator.resolvePricing.bind(calculator);
      const rows: ModelRow[] = [];
      for (const provider of config.providers) {
        if (only !== undefined && provider.name !== only) continue;
        const names = provider.models.map((model) => model.name);
        for (const name of names)
          rows.push(rowFor(provider, name, 'config', config, catalog, resolve));
        for (const name of remote?.byProvider.get(provider.name) ?? [])
          if (!names.includes(name))
            rows.push(rowFor(provider, name, 'remote', config, catalog, resolve));
      }
      for (const failure of remote?.failures ?? []) io.stderr(`warning: --remote ${failure}\n`);
      if (args.values['json']) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return 0;
      }
      if (rows.length === 0) {
        io.stdout(
          'No models listed in the config: providers without a model list take any model name (llm models --remote asks them).\n',
        );
        return 0;
      }
      const paint = stdoutColors(io, args);
      io.stdout(
        `${renderTable(
          ['provider', 'model', 'context', 'in/1M', 'out/1M', 'capabilities'],
          rows.map((row) => [
            row.provider,
            row.listed === 'remote' ? `${row.model} (remote)` : row.model,
            row.context_window === undefined ? 'n/a' : String(row.context_window),
            row.input_price === undefined ? 'n/a' : `${row.input_price} ${row.currency}`,
            row.output_price === undefined ? 'n/a' : `${row.output_price} ${row.currency}`,
            row.capabilities.join(' '),
          ]),
          { paintHeader: paint.bold },
        )}\n`,
      );
      return 0;
    });
  },
};
