import { createLLMManager, type LLMManager } from '@llm/manager';
import { findConfigFile, loadConfig, type LLMConfig } from '@llm/config';
import { createUsageTracker, type UsageTracker } from '@llm/usage';
import { CommandLineError, type CliIO, type ParsedArgs } from './command';

/** The config file a command uses: --config, then $LLM_CONFIG, then ./llm.toml. */
export function configFileFor(args: ParsedArgs, io: CliIO): string {
  const explicit = typeof args.values['config'] === 'string' ? args.values['config'] : undefined;
  const file = findConfigFile({ explicit, env: io.env, cwd: io.cwd });
  if (!file) {
    throw new CommandLineError(
      'No config file: pass --config <file>, set LLM_CONFIG, or create ./llm.toml',
    );
  }
  return file;
}

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

/** Runs `work` with a manager built from the command's config (no file watching), closing it after. */
export async function withManager<T>(
  args: ParsedArgs,
  io: CliIO,
  work: (manager: LLMManager) => Promise<T>,
): Promise<T> {
  const manager = await createLLMManager({
    configFile: configFileFor(args, io),
    env: io.env,
    watch: false,
  });
  try {
    return await work(manager);
  } finally {
    await manager.close();
  }
}
