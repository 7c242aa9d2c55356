import { createLLMManager, type LLMManager } from '@llm/manager';
import { findConfigFile, loadConfig, type LLMConfig } from '@llm/config';
import { createUsageTracker, type LedgerProblem, type UsageTracker } from '@llm/usage';
import { ledgerUnreadableError } from '@llm/usage/internal';
import { CommandLineError, type CliIO, type ParsedArgs } from './command';

/** The system error code (`ENOTDIR`, `EACCES`, …) of a failure to open or close a ledger folder. */
function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

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
 * provider is built), closing it after. A ledger folder that cannot be used fails with
 * @llm/usage's `ledger_unreadable` LLMError, which names `usage_data_dir` and what to do.
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
    systemErrorCode(error) ? ledgerUnreadableError(error, dataDir) : error;
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
  // The tracker keeps what it cannot write in memory and reports it once; the call goes on.
  let problem: LedgerProblem | undefined;
  manager.on('ledger-degraded', (reported) => void (problem ??= reported));
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: await work(manager) };
  } catch (error) {
    outcome = { error };
  }
  const health = manager.usage?.health();
  if (problem === undefined && health && !health.ok) problem = health.problem;
  let closeError: unknown;
  await manager.close().catch((error: unknown) => {
    closeError = error;
  });
  if (problem !== undefined) {
    io.stderr(`warning: ${problem.message}\n`);
    // This process ends here: what the tracker still holds in memory is lost with it.
    const after = manager.usage?.health();
    const lost = after && !after.ok ? after.pendingRecords : 0;
    if (lost > 0)
      io.stderr(
        `warning: ${lost} usage record(s) of this run were not saved; the answer and the exit code are unaffected.\n`,
      );
  }
  if ('error' in outcome) throw outcome.error;
  if (closeError !== undefined) throw closeError;
  return outcome.value;
}
