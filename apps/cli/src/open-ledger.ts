import { loadConfig, type LLMConfig } from '@llm/config';
import { createUsageTracker, type UsageTracker } from '@llm/usage';
import type { CliIO, ParsedArgs } from './command';
import { configFileFor } from './config-source';

/** The usage ledger the config points at, opened for reading and maintenance (no provider is built). */
export async function openLedger(
  args: ParsedArgs,
  io: CliIO,
): Promise<{ tracker: UsageTracker; config: LLMConfig }> {
  const config = await loadConfig({
    configFile: configFileFor(args, io),
    env: io.env,
    allowMissingVariables: true,
  });
  const tracker = createUsageTracker({
    dataDir: config.usage_data_dir,
    settings: config.usage,
    displayCurrency: config.display_currency,
    exchangeRates: config.exchange_rates,
  });
  return { tracker, config };
}
