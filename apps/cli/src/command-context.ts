import { createLLMManager, type LLMManager } from '@llm/manager';
import { findConfigFile, loadConfig, type LLMConfig } from '@llm/config';
import { createUsageTracker, type UsageTracker } from '@llm/usage';
import { CommandLineError, type CliIO, type ParsedArgs } from './command';
import {
  LedgerUnavailableError,
  ledgerProblemCode,
  ledgerWriteWarning,
  probeLedgerFolder,
} from './ledger-problem';

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

/**
 * Runs `work` on the usage ledger the config points at, opened for reading and maintenance (no
 * provider is built), closing it after. A ledger folder that cannot be used fails with a
 * LedgerUnavailableError that names `usage_data_dir`.
 */
export async function withLedger<T>(
  args: ParsedArgs,
  io: CliIO,
  work: (tracker: UsageTracker, config: LLMConfig) => Promise<T>,
): Promise<T> {
  const config = await loadConfig({
    configFile: configFileFor(args, io),
    env: io.env,
    allowMissingVariables: true,
  });
  const dataDir = config.usage_data_dir;
  const tracker = createUsageTracker({
    dataDir: config.usage_data_dir,
    settings: config.usage,
    displayCurrency: config.display_currency,
    exchangeRates: config.exchange_rates,
  });
  const unavailable = (error: unknown) =>
    ledgerProblemCode(error) ? new LedgerUnavailableError(dataDir, error) : error;
  let result: T;
  try {
    result = await work(tracker, config);
  } catch (error) {
    await tracker.close().catch(() => undefined);
    throw unavailable(error);
  }
  await tracker.close().catch((error: unknown) => {
    throw unavailable(error);
  });
  return result;
}

/**
 * Runs `work` with a manager built from the command's config (no file watching), closing it after.
 * A ledger that cannot be written never fails the command: the call's outcome decides the exit
 * code, and the ledger problem is one warning on stderr.
 */
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
  let ledgerFailure: unknown;
  const noteLedgerFailure = (error: unknown) => void (ledgerFailure ??= error);
  // `batched` ledgers report a failed write as an `error` event or when closing; `sync` ones make
  // the record's write reject, which the manager logs: then fewer records reach `usage` events
  // than the tracker accepted.
  let written = 0;
  manager.on('usage', () => void (written += 1));
  manager.usage?.on('error', noteLedgerFailure);
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: await work(manager) };
  } catch (error) {
    outcome = { error };
  }
  const accepted = manager.usage?.stats().recorded ?? 0;
  let closeError: unknown;
  await manager.close().catch((error: unknown) => {
    if (ledgerProblemCode(error)) noteLedgerFailure(error);
    else closeError = error;
  });
  const dataDir = manager.config.usage_data_dir;
  if (ledgerFailure === undefined && accepted > written)
    noteLedgerFailure(await probeLedgerFolder(dataDir));
  // A call that failed because of the ledger (a budget reads it before dispatch) says so plainly.
  if ('error' in outcome && ledgerProblemCode(outcome.error))
    throw new LedgerUnavailableError(dataDir, outcome.error);
  if (ledgerFailure !== undefined) io.stderr(ledgerWriteWarning(dataDir, ledgerFailure));
  if ('error' in outcome) throw outcome.error;
  if (closeError !== undefined) throw closeError;
  return outcome.value;
}
